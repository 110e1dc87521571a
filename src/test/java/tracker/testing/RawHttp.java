package tracker.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** A hand-written HTTP/1.1 exchange, for what an HTTP client will not send: stalls, lies and broken framing. */
public final class RawHttp implements AutoCloseable {

    private final Socket socket;

    public RawHttp(URL base) throws IOException {
        URI uri = URI.create(base.toString());
        socket = new Socket(uri.getHost(), uri.getPort());
    }

    public RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawHttp send(byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
        return this;
    }

    /** What the server answered within {@code millis} (headers and body as text), up to when it stops sending. */
    public String read(int millis) throws IOException {
        socket.setSoTimeout(millis);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                answer.write(buffer, 0, n);
                String text = answer.toString(StandardCharsets.ISO_8859_1);
                int end = text.indexOf("\r\n\r\n");
                if (end > 0 && complete(text, end)) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // whatever came so far
        }
        return answer.toString(StandardCharsets.ISO_8859_1);
    }

    /** Whether the server closed the connection within {@code millis}: a read ends (EOF or reset), not times out. */
    public boolean closedWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            while (in.read(buffer) >= 0) {
                // an error answer may come first; the close is what counts
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static boolean complete(String text, int headerEnd) {
        String head = text.substring(0, headerEnd).toLowerCase();
        int at = head.indexOf("content-length:");
        if (at < 0) {
            return false;
        }
        int length = Integer.parseInt(head.substring(at + 15, head.indexOf('\n', at) < 0 ? head.length()
                : head.indexOf('\n', at)).trim());
        return text.length() - headerEnd - 4 >= length;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
