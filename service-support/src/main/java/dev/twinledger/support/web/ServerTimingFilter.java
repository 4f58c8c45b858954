package dev.twinledger.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Tells the caller how long the service spent on its request: a W3C {@value #HEADER} response header
 * {@code app;dur=<milliseconds, three decimals>} on every response. The clock starts when this filter sees the
 * request (registered first of all, so token validation and authorization count) and stops when the response is
 * about to be committed: when the body is first asked for, on an error or redirect, on a flush, or at the latest
 * when the chain returns. Header values cannot change once committed, so the duration is taken just before.
 */
public final class ServerTimingFilter extends OncePerRequestFilter {

    public static final String HEADER = "Server-Timing";

    private final LongSupplier nanoClock;

    /** A filter timing with {@link System#nanoTime()}. */
    public ServerTimingFilter() {
        this(System::nanoTime);
    }

    /** A filter timing with {@code nanoClock} (nanoseconds, only differences count). */
    public ServerTimingFilter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** The header value for {@code nanos} nanoseconds, e.g. {@code app;dur=1.234}. */
    public static String value(long nanos) {
        return String.format(Locale.ROOT, "app;dur=%.3f", nanos / 1_000_000.0);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        TimedResponse timed = new TimedResponse(response, nanoClock.getAsLong());
        try {
            chain.doFilter(request, timed);
        } finally {
            timed.stamp();
        }
    }

    /** Sets the header, with the time so far, each time the response may be about to commit. */
    private final class TimedResponse extends HttpServletResponseWrapper {

        private final long start;

        TimedResponse(HttpServletResponse response, long start) {
            super(response);
            this.start = start;
        }

        /** Sets or refreshes the header while it can still be sent; a committed response keeps what it has. */
        void stamp() {
            if (!isCommitted()) {
                setHeader(HEADER, value(nanoClock.getAsLong() - start));
            }
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            stamp();
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            stamp();
            return super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            stamp();
            super.flushBuffer();
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            stamp();
            super.sendError(status, message);
        }

        @Override
        public void sendError(int status) throws IOException {
            stamp();
            super.sendError(status);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            stamp();
            super.sendRedirect(location);
        }
    }
}
