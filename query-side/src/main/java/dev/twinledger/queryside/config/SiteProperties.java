package dev.twinledger.queryside.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The site this query side runs at ({@code twinledger.site-id}).
 *
 * @param siteId the site id, e.g. {@code dc1}; default {@code dc1}. Named in health details and in 503 answers so
 *               that an operator can tell which site's read model is behind.
 */
@ConfigurationProperties("twinledger")
public record SiteProperties(String siteId) {

    /** Applies the default. */
    public SiteProperties {
        if (siteId == null || siteId.isBlank()) {
            siteId = "dc1";
        }
    }
}
