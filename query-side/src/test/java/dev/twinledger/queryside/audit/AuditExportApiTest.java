package dev.twinledger.queryside.audit;

import dev.twinledger.auditformat.export.ExportFormat;
import dev.twinledger.auditformat.export.ExportLine;
import dev.twinledger.policies.permission.Permissions;
import dev.twinledger.policies.scope.Scope;
import dev.twinledger.projections.tracking.ProjectionProgress;
import dev.twinledger.queryside.access.AccessEvaluator;
import dev.twinledger.queryside.access.AccessListings;
import dev.twinledger.queryside.access.QueryAuthorization;
import dev.twinledger.queryside.config.QueryProperties;
import dev.twinledger.queryside.config.SecurityConfiguration;
import dev.twinledger.queryside.config.SiteProperties;
import dev.twinledger.queryside.consistency.ReadYourWrites;
import dev.twinledger.support.ServiceSupportAutoConfiguration;
import dev.twinledger.support.security.RealmRoleAuthenticationConverter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The export endpoint at the web edge: checks before the first byte (400, 403 as problem+json), the streamed answer's
 * headers, and the access-log row written once the stream ends, or breaks off. The export's content is
 * AuditExportTest's; here the writer is mocked.
 */
@WebMvcTest(controllers = AuditExportController.class)
@Import({SecurityConfiguration.class, ReadYourWrites.class, QueryAuthorization.class, AuditGate.class,
        AuditScopes.class, RealmGateRefusals.class})
@ImportAutoConfiguration(ServiceSupportAutoConfiguration.class)
@TestPropertySource(properties = "twinledger.query.min-position-timeout=300ms")
class AuditExportApiTest {

    private static final ExportLine.Footer FOOTER = new ExportLine.Footer(3, 40, 1, 44L, 2);

    @TestConfiguration
    @EnableConfigurationProperties({QueryProperties.class, SiteProperties.class})
    static class Properties {
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    RealmRoleAuthenticationConverter realmRoles;
    @MockitoBean
    AuditExport export;
    @MockitoBean
    AuditAccessLog accessLog;
    @MockitoBean
    AuditScopes.ResourceLocator inventory;
    @MockitoBean
    AccessEvaluator evaluator;
    @MockitoBean
    AccessListings listings;
    @MockitoBean
    ProjectionProgress progress;

    @BeforeEach
    void auditorMayReadDc1() {
        when(inventory.locate(anyString())).thenReturn(Optional.empty());
        when(evaluator.holdsOn(eq("auditor"), eq(Set.of(Permissions.AUDIT_READ)),
                eq(new Scope("dc1", null, null, null, null)), any())).thenReturn(true);
    }

    private JwtRequestPostProcessor auditor() {
        return jwt().jwt(j -> j.subject("sub-auditor").claim("preferred_username", "auditor")
                        .claim("realm_access", Map.of("roles", List.of("auditor"))))
                .authorities(j -> realmRoles.convert(j).getAuthorities());
    }

    private void exportWrites(String text) {
        doAnswer(call -> {
            call.getArgument(3, OutputStream.class).write(text.getBytes(StandardCharsets.UTF_8));
            return FOOTER;
        }).when(export).write(any(), any(), any(), any(), any());
    }

    @Test
    void aJsonLinesExportIsStreamedAsAnAttachmentAndLoggedWithItsCounts() throws Exception {
        exportWrites("{\"kind\":\"header\"}\n");

        MvcResult started = mvc.perform(get("/api/audit/export?site=dc1&type=VmMigrated").with(auditor()))
                .andExpect(request().asyncStarted())
                .andReturn();
        mvc.perform(asyncDispatch(started))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/x-ndjson;charset=UTF-8"))
                .andExpect(header().string("Content-Disposition",
                        matchesPattern("attachment; filename=\"twinledger-audit-\\d{8}T\\d{6}Z\\.jsonl\"")))
                .andExpect(content().string("{\"kind\":\"header\"}\n"));

        verify(export).write(eq(new AuditFilter(null, null, "VmMigrated", "dc1", null, null, null)),
                eq(Map.of("site", "dc1", "type", "VmMigrated")), eq(ExportFormat.JSONL), any(), any());
        verify(accessLog).record(any(), eq("allowed"), eq("site=dc1"), eq("exported 3 entries, 40 links,"
                + " 1 checkpoints as jsonl; 2 matching entries not sealed yet"));
    }

    @Test
    void aCsvExportIsTextCsv() throws Exception {
        exportWrites("\"kind\"\r\n");

        MvcResult started = mvc.perform(get("/api/audit/export?format=csv&site=dc1").with(auditor()))
                .andExpect(request().asyncStarted())
                .andReturn();
        mvc.perform(asyncDispatch(started))
                .andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
                .andExpect(header().string("Content-Disposition", containsString(".csv\"")));
        verify(export).write(any(), any(), eq(ExportFormat.CSV), any(), any());
    }

    @Test
    void badParametersAndMissingAuditReadAreAnsweredBeforeAnyByte() throws Exception {
        mvc.perform(get("/api/audit/export?format=xml&limit=10").with(auditor()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.containsInAnyOrder("format",
                        "limit")));
        mvc.perform(get("/api/audit/export?actor=bob").with(auditor()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.scope.text").value("everywhere"));

        verifyNoInteractions(export);
        verify(accessLog).record(any(), eq("invalid"), isNull(), contains("format: must be jsonl or csv"));
        verify(accessLog).record(any(), eq("denied"), eq("everywhere"), contains("An export of the audit log"));
    }

    @Test
    void anExportThatBreaksOffIsLoggedAsFailedAndEndsTheStream() throws Exception {
        doAnswer(call -> {
            call.getArgument(3, OutputStream.class).write("{\"kind\":\"header\"}\n".getBytes(StandardCharsets.UTF_8));
            throw new UncheckedIOException(new java.io.IOException("Broken pipe"));
        }).when(export).write(any(), any(), any(), any(), any());

        MvcResult started = mvc.perform(get("/api/audit/export?site=dc1").with(auditor()))
                .andExpect(request().asyncStarted())
                .andReturn();
        mvc.perform(asyncDispatch(started))
                .andExpect(status().isOk())
                .andExpect(content().string("{\"kind\":\"header\"}\n"));

        verify(accessLog).record(any(), eq("failed"), eq("site=dc1"), contains("Broken pipe"));
    }
}
