package tracker.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer to every chunk, multipart or raw: the reference's {"streaming": true, ...}. */
public record ChunkReceipt(@JsonProperty("streaming") boolean streaming,
                           @JsonProperty("session_id") String sessionId,
                           @JsonProperty("chunk_index") int chunkIndex,
                           @JsonProperty("received_chunks") int receivedChunks,
                           @JsonProperty("total_chunks") int totalChunks,
                           @JsonProperty("complete") boolean complete,
                           @JsonProperty("duplicate") boolean duplicate) {
}
