package tracker.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import tracker.decode.VideoInfo;
import tracker.session.Session;
import tracker.session.State;
import tracker.spool.Spool;

/** What a client needs to resume an upload or find its result; queue_position is 1 for the next session to analyse. */
public record SessionView(@JsonProperty("session_id") String sessionId,
                          @JsonProperty("state") State state,
                          @JsonProperty("total_chunks") int totalChunks,
                          @JsonProperty("chunk_size") long chunkSize,
                          @JsonProperty("received_chunks") int[] receivedChunks,
                          @JsonProperty("received_bytes") long receivedBytes,
                          @JsonProperty("upload_complete") boolean uploadComplete,
                          @JsonProperty("frames_processed") long framesProcessed,
                          @JsonProperty("total_frames") Long totalFrames,
                          @JsonProperty("queue_position") Integer queuePosition,
                          @JsonProperty("mode") String mode) {

    public static SessionView of(Session session) {
        Spool spool = session.spool();
        VideoInfo info = session.info();
        return new SessionView(session.id(), session.state(), spool.totalChunks(), spool.chunkSize(),
                spool.receivedChunks(), spool.receivedBytes(), spool.complete(), session.framesDone(),
                info == null ? null : info.totalFrames(), session.queuePosition(),
                session.options() == null ? null : session.options().mode().wireName());
    }
}
