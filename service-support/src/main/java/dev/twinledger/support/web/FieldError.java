package dev.twinledger.support.web;

/**
 * One invalid input in a 400 answer.
 *
 * @param field  the JSON property or query parameter, e.g. {@code memoryMib} or {@code size}
 * @param reason what is wrong with it, in words
 */
public record FieldError(String field, String reason) {
}
