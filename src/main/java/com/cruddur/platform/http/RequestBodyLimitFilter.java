package com.cruddur.platform.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over {@link #MAX_BODY_BYTES} with 413. A declared Content-Length is checked up
 * front; a body without one (chunked, locally) is counted while it is read.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

  /**
   * The largest valid body is a 1024-character reply in 4-byte UTF-8 plus JSON punctuation: well
   * under 8 KiB.
   */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private final ObjectMapper json;

  RequestBodyLimitFilter(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > MAX_BODY_BYTES) {
      response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      json.writeValue(response.getOutputStream(), List.of(ErrorCodes.BODY_TOO_LARGE));
      return;
    }
    chain.doFilter(new LimitedRequest(request), response);
  }

  /**
   * Thrown while reading a body that turns out too large; mapped to 413 by {@link
   * ApiExceptionHandler}.
   */
  static final class BodyTooLargeException extends IOException {
    BodyTooLargeException() {
      super("request body exceeds " + MAX_BODY_BYTES + " bytes");
    }
  }

  private static final class LimitedRequest extends HttpServletRequestWrapper {

    private ServletInputStream limited;

    LimitedRequest(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (limited == null) {
        ServletInputStream body;
        try {
          body = super.getInputStream();
        } catch (IllegalArgumentException e) {
          // serverless-java-container decodes a base64 body here; a broken one is a malformed body,
          // not a 500.
          throw new IOException("request body cannot be decoded", e);
        }
        limited = new LimitedInputStream(body);
      }
      return limited;
    }
  }

  private static final class LimitedInputStream extends ServletInputStream {

    private final ServletInputStream in;
    private long count;

    LimitedInputStream(ServletInputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws BodyTooLargeException {
      count += n;
      if (count > MAX_BODY_BYTES) {
        throw new BodyTooLargeException();
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
