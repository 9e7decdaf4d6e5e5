package dev.costmon.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Looks for config and secret files that others can read, and says the exact {@code chmod} that
 * fixes each one.
 *
 * <p>The config file holds no secret values (literals are refused), only references, so it may be
 * group-readable, as the package installs it (0640 root:costmon); others must not read it. A secret
 * file owned by the user costmon runs as must be 0600; one owned by someone else is read through its
 * group, so 0640 is the tightest mode that still works. {@code credentials.env} next to the config is
 * read by systemd as root and must be 0600. Systemd credentials are systemd's business.
 */
final class PermissionsCheck {
  private static final String TOPIC = "permissions";
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./@%+=:,-]+");

  private final String user;

  /** @param user the user costmon runs as, who must keep access to the files */
  PermissionsCheck(String user) {
    this.user = user;
  }

  List<Finding> run(Path config, List<SecretReference> secrets) {
    List<Finding> findings = new ArrayList<>();
    int checked = 0;
    if (Files.exists(config)) {
      checked++;
      config(config).ifPresent(findings::add);
    }
    Path credentialsEnv = config.toAbsolutePath().getParent().resolve("credentials.env");
    if (Files.isRegularFile(credentialsEnv)) {
      checked++;
      secret(credentialsEnv, "", true).ifPresent(findings::add);
    }
    for (SecretReference ref : secrets) {
      if (ref.file().isPresent() && Files.isRegularFile(ref.file().get())) {
        checked++;
        secret(ref.file().get(), " (" + ref.where() + ")", false).ifPresent(findings::add);
      }
    }
    if (findings.isEmpty()) {
      findings.add(Finding.ok(TOPIC, checked == 1 ? "the config file is not readable by others"
          : "the config file and " + (checked - 1) + (checked == 2 ? " secret file are" : " secret files are")
              + " not readable by others"));
    }
    return findings;
  }

  private Optional<Finding> config(Path file) {
    Optional<Set<PosixFilePermission>> mode = mode(file);
    if (mode.isEmpty()) {
      return Optional.empty();
    }
    Set<PosixFilePermission> p = mode.get();
    if (!others(p) && !p.contains(PosixFilePermission.GROUP_WRITE)) {
      return Optional.empty();
    }
    String fix = p.contains(PosixFilePermission.GROUP_READ) ? "640" : "600";
    return Optional.of(Finding.warn(TOPIC, file + " is " + exposure(p) + " (mode " + octal(p) + "): chmod "
        + fix + " " + quote(file)));
  }

  private Optional<Finding> secret(Path file, String what, boolean readByRoot) {
    Optional<Set<PosixFilePermission>> mode = mode(file);
    if (mode.isEmpty()) {
      return Optional.empty();
    }
    Set<PosixFilePermission> p = mode.get();
    boolean viaGroup = !readByRoot && !ownedByUser(file);
    boolean group = p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.GROUP_EXECUTE)
        || (!viaGroup && p.contains(PosixFilePermission.GROUP_READ));
    if (!others(p) && !group) {
      return Optional.empty();
    }
    String fix = viaGroup ? "640" : "600";
    return Optional.of(Finding.warn(TOPIC, "secret file " + file + what + " is " + exposure(p) + " (mode " + octal(p)
        + "): chmod " + fix + " " + quote(file)));
  }

  private boolean ownedByUser(Path file) {
    try {
      return Files.getOwner(file).getName().equals(user);
    } catch (IOException | UnsupportedOperationException e) {
      return true;
    }
  }

  private static boolean others(Set<PosixFilePermission> p) {
    return p.contains(PosixFilePermission.OTHERS_READ) || p.contains(PosixFilePermission.OTHERS_WRITE)
        || p.contains(PosixFilePermission.OTHERS_EXECUTE);
  }

  private static String exposure(Set<PosixFilePermission> p) {
    if (p.contains(PosixFilePermission.OTHERS_READ)) {
      return "readable by others";
    }
    if (p.contains(PosixFilePermission.OTHERS_WRITE) || p.contains(PosixFilePermission.GROUP_WRITE)) {
      return "writable by " + (p.contains(PosixFilePermission.OTHERS_WRITE) ? "others" : "its group");
    }
    return p.contains(PosixFilePermission.GROUP_READ) ? "readable by its group" : "open to others";
  }

  /** The permissions of the file (of its target, for a link); empty without POSIX modes. */
  private static Optional<Set<PosixFilePermission>> mode(Path file) {
    try {
      return Optional.of(Files.getPosixFilePermissions(file));
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  static String octal(Set<PosixFilePermission> p) {
    int mode = 0;
    for (PosixFilePermission perm : p) {
      mode |= 1 << (8 - perm.ordinal());
    }
    return String.format("%04o", mode);
  }

  static String quote(Path file) {
    String s = file.toString();
    return SHELL_SAFE.matcher(s).matches() ? s : "'" + s.replace("'", "'\\''") + "'";
  }
}
