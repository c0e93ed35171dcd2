package dl10.kernel.jupyter;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.List;

/**
 * One message of the Jupyter wire protocol (messaging specification 5.4, "The Wire Protocol"): the
 * routing identities that precede the {@code <IDS|MSG>} delimiter, the four JSON parts (header, parent
 * header, metadata, content) and any binary buffers after them.
 */
public record WireMessage(List<byte[]> identities, JsonObject header, JsonObject parentHeader,
                          JsonObject metadata, JsonObject content, List<byte[]> buffers) {

    /** The header's {@code msg_type}, e.g. {@code execute_request}. */
    public String type() {
        return string(header, "msg_type", "");
    }

    /** The header's {@code msg_id}. */
    public String id() {
        return string(header, "msg_id", "");
    }

    /** A string field of the content, or the fallback if it is absent or null. */
    public String text(String field, String fallback) {
        return string(content, field, fallback);
    }

    /** A boolean field of the content, or the fallback if it is absent or null. */
    public boolean flag(String field, boolean fallback) {
        JsonElement value = content.get(field);
        return value == null || value.isJsonNull() ? fallback : value.getAsBoolean();
    }

    /** An integer field of the content, or the fallback if it is absent or null. */
    public int number(String field, int fallback) {
        JsonElement value = content.get(field);
        return value == null || value.isJsonNull() ? fallback : value.getAsInt();
    }

    /** True if the content has a non-null value for the field. */
    public boolean has(String field) {
        JsonElement value = content.get(field);
        return value != null && !value.isJsonNull();
    }

    static String string(JsonObject object, String field, String fallback) {
        JsonElement value = object == null ? null : object.get(field);
        return value == null || value.isJsonNull() ? fallback : value.getAsString();
    }
}
