package dev.costmon.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The config file's text, with what stops it being read said in words and, for a bad byte, where. */
final class ConfigText {
  private ConfigText() {}

  static String read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (AccessDeniedException e) {
      throw new ConfigException(file + ": permission denied: this user cannot read the config file; check its owner"
          + " and mode (ls -l " + file + ")");
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file; pass -c FILE or create it from config.example.yaml");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read the config file: " + (e.getMessage() == null ? "input/output"
          + " error" : e.getMessage()));
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new ConfigException(file + ":" + badByte(bytes) + " is not UTF-8 text; save the file as UTF-8 (for"
          + " example: iconv -f latin1 -t utf-8)");
    }
  }

  /** "line:column: byte 0xE9" of the first byte that is not UTF-8, counting characters as an editor does. */
  private static String badByte(byte[] bytes) {
    int line = 1;
    int column = 1;
    int i = 0;
    while (i < bytes.length) {
      int b = bytes[i] & 0xff;
      int length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
      boolean valid = length > 0 && i + length <= bytes.length;
      for (int k = 1; valid && k < length; k++) {
        valid = (bytes[i + k] & 0xc0) == 0x80;
      }
      if (!valid) {
        return line + ":" + column + ": byte 0x" + String.format("%02X", b);
      }
      if (b == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
      i += length;
    }
    return line + ":" + column;
  }
}
