package dev.costmon.http;

import java.util.Objects;

/** A plain request header; never put a credential here, use {@link SecretHeader}. */
public record Header(String name, String value) {
  public Header {
    Headers.checkName(name);
    Objects.requireNonNull(value, "value");
    Headers.checkValue(name, value);
  }
}
