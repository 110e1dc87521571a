package tracker.session;

/** The files a finished session offers for download, each named once: in its folder and in its URL. */
public enum ResultFile {
    /** The annotated H.264 MP4 ({@code download_url}). */
    VIDEO("result.mp4", "video/mp4"),
    /** Per-frame detections and poses with their track ids ({@code detections_url}). */
    DETECTIONS("detections.json", "application/json"),
    /** One row per detection: frame, time, track, class, score, box ({@code tracks_csv_url}). */
    TRACKS_CSV("tracks.csv", "text/csv; charset=utf-8"),
    /** MOT Challenge format: frame,id,x,y,w,h,score,-1,-1,-1 ({@code tracks_mot_url}). */
    TRACKS_MOT("tracks.mot.txt", "text/plain; charset=utf-8"),
    /** Objects per frame, at most 1000 points, for the result page's chart ({@code series_url}). */
    SERIES("series.json", "application/json");

    private final String fileName;
    private final String contentType;

    ResultFile(String fileName, String contentType) {
        this.fileName = fileName;
        this.contentType = contentType;
    }

    public String fileName() {
        return fileName;
    }

    public String contentType() {
        return contentType;
    }
}
