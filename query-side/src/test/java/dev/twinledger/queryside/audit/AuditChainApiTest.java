package dev.twinledger.queryside.audit;

import dev.twinledger.auditformat.ChainProblem;
import dev.twinledger.auditformat.CheckpointSigner;
import dev.twinledger.auditformat.SigningKeys;
import dev.twinledger.policies.permission.Permissions;
import dev.twinledger.policies.scope.Scope;
import dev.twinledger.projections.audit.AuditChainVerifier;
import dev.twinledger.projections.audit.ChainVerification;
import dev.twinledger.projections.tracking.ProjectionProgress;
import dev.twinledger.queryside.access.AccessEvaluator;
import dev.twinledger.queryside.access.AccessListings;
import dev.twinledger.queryside.access.QueryAuthorization;
import dev.twinledger.queryside.config.QueryProperties;
import dev.twinledger.queryside.config.SecurityConfiguration;
import dev.twinledger.queryside.config.SiteProperties;
import dev.twinledger.queryside.readmodel.ReadModel;
import dev.twinledger.support.security.RealmRoleAuthenticationConverter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Verify and public keys at the web edge: audit:read everywhere for verification (refusals logged), 400s naming the
 * parameter, the verifier's finding passed on with its position, and the keys as JSON and as PEM.
 */
@WebMvcTest(controllers = AuditChainController.class)
@Import({SecurityConfiguration.class, QueryAuthorization.class, AuditGate.class, RealmGateRefusals.class,
        AuditKeys.class})
@ImportAutoConfiguration(dev.twinledger.support.ServiceSupportAutoConfiguration.class)
class AuditChainApiTest {

    private static final KeyPair KEYS = SigningKeys.generateEd25519();

    @TestConfiguration
    @EnableConfigurationProperties({QueryProperties.class, SiteProperties.class})
    static class Keys {
        @Bean
        CheckpointSigner signer() {
            return new CheckpointSigner(KEYS.getPrivate(), KEYS.getPublic());
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    RealmRoleAuthenticationConverter realmRoles;
    @Autowired
    CheckpointSigner signer;
    @MockitoBean
    AuditChainVerifier verifier;
    @MockitoBean
    ReadModel readModel;
    @MockitoBean
    AuditAccessLog accessLog;
    @MockitoBean
    AccessEvaluator evaluator;
    @MockitoBean
    AccessListings listings;
    @MockitoBean
    ProjectionProgress progress;

    @BeforeEach
    void trustTheSigner() {
        when(verifier.trustedKeys()).thenReturn(Map.of(signer.keyId(), signer.publicKey()));
    }

    private JwtRequestPostProcessor auditor() {
        return jwt().jwt(j -> j.subject("sub-auditor").claim("preferred_username", "auditor")
                        .claim("realm_access", Map.of("roles", List.of("auditor"))))
                .authorities(j -> realmRoles.convert(j).getAuthorities());
    }

    private void auditReadEverywhere() {
        when(evaluator.holdsOn(eq("auditor"), eq(Set.of(Permissions.AUDIT_READ)), eq(Scope.EVERYWHERE), any()))
                .thenReturn(true);
    }

    @Test
    void a_broken_chain_is_answered_with_its_first_position_and_the_call_is_logged() throws Exception {
        auditReadEverywhere();
        when(verifier.verify(0, null)).thenReturn(new ChainVerification(false, 0, 120, -1, 56, 0, -1, 56, 0,
                List.of(), new ChainProblem(57, ChainProblem.Kind.CONTENT_ALTERED, "the record at position 57 ...")));

        mvc.perform(get("/api/audit/verify").with(auditor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.intact").value(false))
                .andExpect(jsonPath("$.firstProblem.position").value(57))
                .andExpect(jsonPath("$.firstProblem.kind").value("CONTENT_ALTERED"))
                .andExpect(jsonPath("$.summary").value(containsString("Broken at position 57")));
        verify(accessLog).record(any(), eq(AuditAccessLog.ALLOWED), eq("everywhere"), eq("broken at 57"));
    }

    @Test
    void an_intact_range_says_what_is_not_yet_signed() throws Exception {
        auditReadEverywhere();
        when(verifier.verify(10, 90L)).thenReturn(new ChainVerification(true, 10, 90, 9, 80, 2, 80, 10, 3,
                List.of(), null));

        mvc.perform(get("/api/audit/verify?from=10&to=90").with(auditor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.intact").value(true))
                .andExpect(jsonPath("$.anchorCheckpoint").value(9))
                .andExpect(jsonPath("$.summary").value(containsString("the last 10 records are not covered")));
    }

    @Test
    void verification_needs_audit_read_everywhere() throws Exception {
        mvc.perform(get("/api/audit/verify").with(auditor()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value(containsString("audit:read")));
        verify(verifier, never()).verify(anyLong(), any());
        verify(accessLog).record(any(), eq(AuditAccessLog.DENIED), any(), any());
    }

    @Test
    void a_range_ending_before_it_starts_is_a_400_naming_to() throws Exception {
        auditReadEverywhere();

        mvc.perform(get("/api/audit/verify?from=10&to=3").with(auditor()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(content().string(containsString("\"to\"")));
        mvc.perform(get("/api/audit/verify?from=-1").with(auditor()))
                .andExpect(status().isBadRequest());
        verify(verifier, never()).verify(anyLong(), any());
    }

    @Test
    void the_signing_key_is_published_as_json_and_as_pem() throws Exception {
        when(readModel.list(any(), any(), any())).thenReturn(List.of());

        mvc.perform(get("/api/audit/public-keys").with(auditor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].keyId").value(signer.keyId()))
                .andExpect(jsonPath("$[0].algorithm").value("Ed25519"))
                .andExpect(jsonPath("$[0].current").value(true))
                .andExpect(jsonPath("$[0].publicKey").value(containsString("BEGIN PUBLIC KEY")));
        mvc.perform(get("/api/audit/public-keys/current").with(auditor()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/x-pem-file"))
                .andExpect(content().string(SigningKeys.toPem(KEYS.getPublic())));
        mvc.perform(get("/api/audit/public-keys/sha256:00").with(auditor()))
                .andExpect(status().isNotFound());
    }

    @Test
    void a_token_without_the_auditor_role_is_refused_before_anything_runs() throws Exception {
        JwtRequestPostProcessor viewer = jwt().jwt(j -> j.subject("sub-viewer").claim("preferred_username", "viewer")
                        .claim("realm_access", Map.of("roles", List.of("viewer"))))
                .authorities(j -> realmRoles.convert(j).getAuthorities());

        mvc.perform(get("/api/audit/verify").with(viewer)).andExpect(status().isForbidden());
        mvc.perform(get("/api/audit/verify")).andExpect(status().isUnauthorized());
    }
}
