package dev.costmon.provider.hetzner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.provider.ProviderException;
import java.time.Instant;

/**
 * What the estimate needs of a server: its type and location (prices differ per location), when it
 * was created, and whether it has a primary IPv4 and backups, which are billed on top.
 */
record Server(String name, String type, String location, Instant created, boolean ipv4, boolean backups) {

  static Server from(JsonNode node, String where) throws ProviderException {
    String name = Json.text(node, "name", where);
    String at = where + "[" + name + "]";
    String type = Json.text(Json.object(node, "server_type", at), "name", at + ".server_type");
    // Newer answers carry location at the top; datacenter.location is the older, still documented place.
    JsonNode location = node.get("location");
    String locationName = location != null && location.isObject()
        ? Json.text(location, "name", at + ".location")
        : Json.text(Json.object(Json.object(node, "datacenter", at), "location", at + ".datacenter"), "name",
            at + ".datacenter.location");
    JsonNode ipv4 = node.path("public_net").path("ipv4");
    JsonNode backup = node.get("backup_window");
    return new Server(name, type, locationName, Json.instant(node, "created", at), ipv4.isObject(),
        backup != null && backup.isTextual() && !backup.textValue().isBlank());
  }
}
