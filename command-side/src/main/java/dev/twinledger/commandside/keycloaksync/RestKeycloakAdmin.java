package dev.twinledger.commandside.keycloaksync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@link KeycloakAdmin} over Keycloak's admin REST API with Spring's {@link RestClient}, authenticated as a
 * confidential client's service account (client-credentials grant; the token is reused until shortly before it
 * expires). The service account needs the {@code realm-management} client roles {@code query-groups},
 * {@code view-users}, {@code query-users} and {@code manage-users}. Not the Keycloak admin client library: see ADR 13.
 */
public final class RestKeycloakAdmin implements KeycloakAdmin {

    /** Page size for listing subgroups and members. */
    static final int PAGE = 100;
    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(30);

    private final RestClient http;
    private final String realm;
    private final String clientId;
    private final String clientSecret;
    private final Clock clock;
    private String token;
    private Instant tokenExpires = Instant.MIN;

    /**
     * @param builder        a fresh builder (Spring Boot's carries the observation of outgoing requests)
     * @param serverUrl      Keycloak's base URL, e.g. {@code http://localhost:18080}
     * @param realm          the realm whose groups are managed; the client lives in it too
     * @param clientId       the confidential client with a service account
     * @param clientSecret   its secret
     * @param requestTimeout how long one request may take, connecting included
     */
    public RestKeycloakAdmin(RestClient.Builder builder, URI serverUrl, String realm, String clientId,
                             String clientSecret, Duration requestTimeout, Clock clock) {
        this.realm = Objects.requireNonNull(realm, "realm");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
        this.clock = Objects.requireNonNull(clock, "clock");
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(requestTimeout).build());
        requests.setReadTimeout(requestTimeout);
        String base = serverUrl.toString().replaceAll("/+$", "");
        this.http = builder.baseUrl(base).requestFactory(requests).build();
    }

    @Override
    public String ensureTopLevelGroup(String name) {
        Optional<String> existing = groupByPath(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            call("create group " + name, () -> http.post().uri("/admin/realms/{realm}/groups", realm)
                    .headers(h -> h.setBearerAuth(token())).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("name", name)).retrieve().toBodilessEntity());
        } catch (KeycloakAdminException e) {
            if (!(e.getCause() instanceof HttpClientErrorException.Conflict)) {
                throw e;
            }
            // Created meanwhile (another instance at first start): take that one.
        }
        return groupByPath(name).orElseThrow(() -> new KeycloakAdminException("group " + name
                + " was created but Keycloak does not find it"));
    }

    @Override
    public KeycloakGroups subgroups(String parentId) {
        TreeMap<String, KeycloakGroups.KeycloakGroup> groups = new TreeMap<>();
        for (Group child : pages("list subgroups of " + parentId, (first) -> http.get()
                .uri("/admin/realms/{realm}/groups/{id}/children?briefRepresentation=true&first={first}&max={max}",
                        realm, parentId, first, PAGE)
                .headers(h -> h.setBearerAuth(token())).retrieve()
                .body(new ParameterizedTypeReference<List<Group>>() { }))) {
            groups.put(child.name(), new KeycloakGroups.KeycloakGroup(child.id(), members(child)));
        }
        return new KeycloakGroups(groups);
    }

    @Override
    public String createSubgroup(String parentId, String name) {
        try {
            URI location = call("create group " + name, () -> http.post()
                    .uri("/admin/realms/{realm}/groups/{id}/children", realm, parentId)
                    .headers(h -> h.setBearerAuth(token())).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("name", name)).retrieve().toBodilessEntity().getHeaders().getLocation());
            if (location == null) {
                throw new KeycloakAdminException("Keycloak created group " + name + " without naming its id");
            }
            String path = location.getPath();
            return path.substring(path.lastIndexOf('/') + 1);
        } catch (KeycloakAdminException e) {
            if (e.getCause() instanceof HttpClientErrorException.Conflict) {
                // Made by hand between this run's read and now: the sibling with that name is the group.
                return subgroups(parentId).byName().entrySet().stream()
                        .filter(entry -> entry.getKey().equals(name)).map(entry -> entry.getValue().id())
                        .findFirst().orElseThrow(() -> e);
            }
            throw e;
        }
    }

    @Override
    public Optional<String> findUser(String username) {
        List<User> users = call("find user " + username, () -> http.get()
                .uri("/admin/realms/{realm}/users?username={username}&exact=true&briefRepresentation=true",
                        realm, username)
                .headers(h -> h.setBearerAuth(token())).retrieve()
                .body(new ParameterizedTypeReference<List<User>>() { }));
        return users == null ? Optional.empty() : users.stream()
                .filter(user -> user.username() != null && user.username().equalsIgnoreCase(username))
                .map(User::id).findFirst();
    }

    @Override
    public void addMember(String userId, String groupId) {
        call("add user " + userId + " to group " + groupId, () -> http.put()
                .uri("/admin/realms/{realm}/users/{user}/groups/{group}", realm, userId, groupId)
                .headers(h -> h.setBearerAuth(token())).retrieve().toBodilessEntity());
    }

    @Override
    public void removeMember(String userId, String groupId) {
        call("remove user " + userId + " from group " + groupId, () -> http.delete()
                .uri("/admin/realms/{realm}/users/{user}/groups/{group}", realm, userId, groupId)
                .headers(h -> h.setBearerAuth(token())).retrieve().toBodilessEntity());
    }

    private Map<String, String> members(Group group) {
        Map<String, String> members = new TreeMap<>();
        for (User user : pages("list members of group " + group.name(), (first) -> http.get()
                .uri("/admin/realms/{realm}/groups/{id}/members?briefRepresentation=true&first={first}&max={max}",
                        realm, group.id(), first, PAGE)
                .headers(h -> h.setBearerAuth(token())).retrieve()
                .body(new ParameterizedTypeReference<List<User>>() { }))) {
            members.put(user.username().toLowerCase(Locale.ROOT), user.id());
        }
        return members;
    }

    private Optional<String> groupByPath(String name) {
        try {
            Group group = call("find group " + name, () -> http.get()
                    .uri("/admin/realms/{realm}/group-by-path/{name}", realm, name)
                    .headers(h -> h.setBearerAuth(token())).retrieve().body(Group.class));
            return Optional.ofNullable(group).map(Group::id);
        } catch (KeycloakAdminException e) {
            if (e.getCause() instanceof HttpClientErrorException.NotFound) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private <T> List<T> pages(String what, PageRequest<T> request) {
        List<T> all = new ArrayList<>();
        for (int first = 0; ; first += PAGE) {
            int offset = first;
            List<T> page = call(what, () -> request.fetch(offset));
            if (page == null) {
                return all;
            }
            all.addAll(page);
            if (page.size() < PAGE) {
                return all;
            }
        }
    }

    private synchronized String token() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(tokenExpires)) {
            MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
            form.add("grant_type", "client_credentials");
            form.add("client_id", clientId);
            form.add("client_secret", clientSecret);
            TokenResponse response = call("get a token for client " + clientId, () -> http.post()
                    .uri("/realms/{realm}/protocol/openid-connect/token", realm)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve()
                    .body(TokenResponse.class));
            if (response == null || response.accessToken() == null) {
                throw new KeycloakAdminException("Keycloak answered no access token for client " + clientId);
            }
            token = response.accessToken();
            tokenExpires = now.plusSeconds(response.expiresIn()).minus(TOKEN_MARGIN);
        }
        return token;
    }

    private <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().value() == HttpStatus.UNAUTHORIZED.value()) {
                // A token Keycloak no longer accepts (restarted with new keys, session revoked): fetch a new one.
                dropToken();
            }
            HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
            throw new KeycloakAdminException("Keycloak refused to " + what + ": " + e.getStatusCode().value()
                    + (status == null ? "" : " " + status.getReasonPhrase()) + errorMessage(e), e);
        } catch (RestClientException e) {
            throw new KeycloakAdminException("Could not " + what + ": " + e.getMessage(), e);
        }
    }

    private synchronized void dropToken() {
        token = null;
    }

    private static String errorMessage(RestClientResponseException e) {
        String body = e.getResponseBodyAsString();
        return body.isBlank() ? "" : " " + (body.length() > 200 ? body.substring(0, 200) + "..." : body);
    }

    @FunctionalInterface
    private interface PageRequest<T> {
        List<T> fetch(int first);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Group(String id, String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record User(String id, String username) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenResponse(@JsonProperty("access_token") String accessToken,
                         @JsonProperty("expires_in") long expiresIn) {
    }
}
