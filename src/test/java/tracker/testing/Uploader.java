package tracker.testing;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.util.Arrays;
import java.util.UUID;

/** Sends a file in chunks through either upload form, like the browser does. */
public final class Uploader {

    private final String sessionId;
    private final byte[] file;
    private final int chunkSize;
    private final String ext;
    private boolean sendChunkSize = true;
    private String forwardedFor;
    private String mode;
    private final String token = "tok-" + UUID.randomUUID().toString().replace("-", "");

    public Uploader(String sessionId, byte[] file, int chunkSize, String ext) {
        this.sessionId = sessionId;
        this.file = file;
        this.chunkSize = chunkSize;
        this.ext = ext;
    }

    /** Like the reference client: the server learns the chunk size from the first full chunk. */
    /** Asks for an analysis mode on chunk 0 (both upload forms). */
    public Uploader withMode(String mode) {
        this.mode = mode;
        return this;
    }

    public Uploader withoutChunkSize() {
        sendChunkSize = false;
        return this;
    }

    /** Sends every request as if a proxy forwarded it for {@code client} (X-Forwarded-For). */
    public Uploader from(String client) {
        forwardedFor = client;
        return this;
    }

    /** The capability this client chose for its session, sent with every request. */
    public String token() {
        return token;
    }

    public String sessionId() {
        return sessionId;
    }

    public int chunks() {
        return Spools.chunks(file.length, chunkSize);
    }

    public byte[] chunk(int index) {
        return Arrays.copyOfRange(file, index * chunkSize, Math.min(file.length, (index + 1) * chunkSize));
    }

    /** Every chunk in order through the multipart form; fails on the first non-200. */
    public void sendAll() {
        for (int i = 0; i < chunks(); i++) {
            post(i).then().statusCode(200);
        }
    }

    /** The reference's multipart POST /api/upload-chunk. */
    public Response post(int index) {
        var request = given().multiPart("session_id", sessionId).multiPart("token", token)
                .multiPart("chunk_index", String.valueOf(index))
                .multiPart("total_chunks", String.valueOf(chunks()))
                .multiPart("ext", ext)
                .multiPart("file", "blob", chunk(index), "application/octet-stream");
        if (sendChunkSize) {
            request = request.multiPart("chunk_size", String.valueOf(chunkSize));
        }
        if (forwardedFor != null) {
            request = request.header("X-Forwarded-For", forwardedFor);
        }
        if (index == 0) {
            request = request.multiPart("debug", "false").multiPart("preview_interval", "5");
            if (mode != null) {
                request = request.multiPart("mode", mode);
            }
        }
        return request.when().post("/api/upload-chunk");
    }

    /** PUT /api/sessions/{id}/chunks/{index} with the raw bytes. */
    public Response put(int index) {
        var request = forwardedFor == null ? given() : given().header("X-Forwarded-For", forwardedFor);
        if (index == 0 && mode != null) {
            request = request.queryParam("mode", mode);
        }
        return request.contentType("application/octet-stream").body(chunk(index))
                .queryParam("total", chunks()).queryParam("ext", ext).queryParam("chunk_size", chunkSize)
                .queryParam("preview_interval", 5).header("X-Session-Token", token)
                .when().put("/api/sessions/" + sessionId + "/chunks/" + index);
    }
}
