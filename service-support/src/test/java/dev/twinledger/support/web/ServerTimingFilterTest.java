package dev.twinledger.support.web;

import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

class ServerTimingFilterTest {

    private static final Pattern VALUE = Pattern.compile("^app;dur=(\\d+\\.\\d{3})$");

    @RestController
    static class TimedController {
        @GetMapping("/ok")
        String ok() {
            return "ok";
        }

        @GetMapping("/missing")
        String missing() {
            throw ApiException.notFound("no such thing");
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new TimedController())
            .setControllerAdvice(new ProblemDetailsAdvice())
            .addFilters(new ServerTimingFilter())
            .build();

    private static double millis(String header) {
        assertThat(header).isNotNull();
        Matcher matcher = VALUE.matcher(header);
        assertThat(matcher.matches()).as("header %s", header).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    @Test
    void anAnswerCarriesTheTimeSpent() throws Exception {
        MvcResult result = mvc.perform(get("/ok")).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(millis(result.getResponse().getHeader(ServerTimingFilter.HEADER))).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aProblemCarriesItToo() throws Exception {
        MvcResult result = mvc.perform(get("/missing")).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(404);
        assertThat(result.getResponse().getContentType()).contains("problem+json");
        assertThat(millis(result.getResponse().getHeader(ServerTimingFilter.HEADER))).isGreaterThanOrEqualTo(0);
    }

    @Test
    void theDurationIsTakenWhenTheBodyIsWrittenNotAfterTheCommit() throws Exception {
        AtomicLong clock = new AtomicLong();
        ServerTimingFilter filter = new ServerTimingFilter(clock::get);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse answer)
                    throws java.io.IOException {
                clock.addAndGet(1_234_567);
                answer.getWriter().write("body");
                answer.flushBuffer();
                clock.addAndGet(9_000_000);
            }
        });

        filter.doFilter(new MockHttpServletRequest("GET", "/"), response, chain);

        assertThat(response.isCommitted()).isTrue();
        assertThat(response.getHeader(ServerTimingFilter.HEADER)).isEqualTo("app;dur=1.235");
    }

    @Test
    void aResponseWithoutBodyGetsTheWholeTime() throws Exception {
        AtomicLong clock = new AtomicLong(5);
        ServerTimingFilter filter = new ServerTimingFilter(clock::get);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse answer) {
                clock.addAndGet(2_000_000);
                answer.setStatus(HttpStatus.NO_CONTENT.value());
            }
        });

        filter.doFilter(new MockHttpServletRequest("GET", "/"), response, chain);

        assertThat(response.getHeader(ServerTimingFilter.HEADER)).isEqualTo("app;dur=2.000");
    }

    @Test
    void errorsAndRedirectsAreStampedBeforeTheyCommit() throws Exception {
        for (String kind : new String[] {"error", "error-with-message", "redirect", "stream"}) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            MockFilterChain chain = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
                @Override
                protected void service(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse answer)
                        throws java.io.IOException {
                    switch (kind) {
                        case "error" -> answer.sendError(401);
                        case "error-with-message" -> answer.sendError(403, "no");
                        case "redirect" -> answer.sendRedirect("/elsewhere");
                        default -> {
                            answer.getOutputStream().write(1);
                            answer.flushBuffer();
                        }
                    }
                }
            });

            new ServerTimingFilter().doFilter(new MockHttpServletRequest("GET", "/"), response, chain);

            assertThat(response.isCommitted()).as(kind).isTrue();
            assertThat(millis(response.getHeader(ServerTimingFilter.HEADER))).as(kind).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void theValueHasThreeDecimalsWhateverTheLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertThat(ServerTimingFilter.value(12_345_678)).isEqualTo("app;dur=12.346");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
