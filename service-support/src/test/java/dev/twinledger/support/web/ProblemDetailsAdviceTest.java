package dev.twinledger.support.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ProblemDetailsAdviceTest {

    enum Colour { RED, GREEN }

    record Paint(@NotBlank String name, @Positive int litres, Colour colour) {
    }

    @RestController
    static class PaintController {
        @PostMapping("/paint")
        String paint(@Valid @RequestBody Paint paint) {
            return "ok";
        }

        /** The path variable's constraint makes Spring validate the whole method, the body included. */
        @PostMapping("/walls/{wall}/paint")
        String paintWall(@PathVariable @Pattern(regexp = "[a-z]+") String wall, @Valid @RequestBody Paint paint) {
            return "ok";
        }

        @PostMapping("/paint/{id}")
        String repaint(@PathVariable @Pattern(regexp = "[a-z]+") String id, @Valid @RequestBody Paint paint) {
            return "ok";
        }

        @GetMapping("/paint")
        String find(@RequestParam(required = false) Colour colour, @RequestParam(defaultValue = "0") int page) {
            throw ApiException.notFound("no paint in " + colour);
        }

        @PostMapping("/paint/{id}/mix")
        String mix(@PathVariable @Pattern(regexp = "[a-z]+") String id, @Valid @RequestBody Paint paint) {
            return "ok";
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("secret internals");
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new PaintController())
            .setControllerAdvice(new ProblemDetailsAdvice()).build();

    @Test
    void invalidFieldsAreNamedWithTheirReason() throws Exception {
        mvc.perform(post("/paint").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\" \",\"litres\":-1}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[?(@.field=='name')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field=='litres')].reason").value("must be greater than 0"));
    }

    /** With a constrained path variable Spring validates the whole call; body fields are still named. */
    @Test
    void invalidFieldsOfABodyBesideAConstrainedPathVariableAreNamed() throws Exception {
        mvc.perform(post("/paint/x1").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\" \",\"litres\":-1}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[?(@.field=='id')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field=='name')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field=='litres')].reason").value("must be greater than 0"));
    }

    @Test
    void invalidBodyFieldsNextToAConstrainedPathVariableAreNamedToo() throws Exception {
        mvc.perform(post("/walls/north/paint").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\" \",\"litres\":-1}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[?(@.field=='name')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field=='litres')].reason").value("must be greater than 0"));
    }

    @Test
    void aBadPathVariableIsNamed() throws Exception {
        mvc.perform(post("/walls/North1/paint").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"n\",\"litres\":1}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("wall"));
    }

    @Test
    void bodyFieldsAreNamedAlsoBesideAConstrainedPathVariable() throws Exception {
        mvc.perform(post("/paint/red/mix").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\" \",\"litres\":1}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("name"));
        mvc.perform(post("/paint/RED/mix").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"n\",\"litres\":1}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("id"));
    }

    @Test
    void unknownEnumValueListsTheAllowedOnes() throws Exception {
        mvc.perform(post("/paint").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"n\",\"litres\":1,\"colour\":\"BLUE\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("colour"))
                .andExpect(jsonPath("$.errors[0].reason").value("'BLUE' is not one of [RED, GREEN]"));
    }

    @Test
    void malformedJsonIsA400NotA500() throws Exception {
        mvc.perform(post("/paint").contentType(MediaType.APPLICATION_JSON).content("{\"name\":"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Malformed request"));
    }

    @Test
    void badQueryParameterIsNamed() throws Exception {
        mvc.perform(get("/paint").param("page", "x"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("page"))
                .andExpect(jsonPath("$.errors[0].reason").value("'x' is not a whole number"));
    }

    @Test
    void apiExceptionKeepsItsStatus() throws Exception {
        mvc.perform(get("/paint").param("colour", "RED"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("no paint in RED"));
    }

    @Test
    void unexpectedErrorHidesInternals() throws Exception {
        mvc.perform(get("/boom"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.detail").value("Unexpected error; it has been logged"));
    }
}
