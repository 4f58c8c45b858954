package dev.twinledger.commandside.inventory.web;

import org.hamcrest.Matcher;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** What the web slice tests of the command controllers share: JSON requests and the shape of a 400. */
final class WebSlice {

    private WebSlice() {
    }

    static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    /** A 400 problem whose {@code errors} name {@code field}. */
    static ResultActions expectInvalid(ResultActions result, String field) throws Exception {
        return expectInvalid(result, hasItem(field));
    }

    /** A 400 problem whose {@code errors} field names match {@code fields}. */
    static ResultActions expectInvalid(ResultActions result, Matcher<? super Iterable<String>> fields)
            throws Exception {
        return result.andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Invalid input"))
                .andExpect(jsonPath("$.errors[*].field").value(fields));
    }
}
