/** What both Twinledger services share at the web edge, wired by {@link dev.twinledger.support.ServiceSupportAutoConfiguration}. */
package dev.twinledger.support;
