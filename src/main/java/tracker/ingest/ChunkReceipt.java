package tracker.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to every chunk, multipart or raw: the reference's {"streaming": true, ...}, plus the session's token
 * (the one the client sent, or the one made for it), which every later request of the session must present.
 */
public record ChunkReceipt(@JsonProperty("streaming") boolean streaming,
                           @JsonProperty("session_id") String sessionId,
                           @JsonProperty("chunk_index") int chunkIndex,
                           @JsonProperty("received_chunks") int receivedChunks,
                           @JsonProperty("total_chunks") int totalChunks,
                           @JsonProperty("complete") boolean complete,
                           @JsonProperty("duplicate") boolean duplicate,
                           @JsonProperty("token") String token) {
}
