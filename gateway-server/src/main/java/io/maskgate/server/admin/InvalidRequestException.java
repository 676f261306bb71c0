package io.maskgate.server.admin;

/**
 * A request body the API refuses (400). The message is {@code <field.path>: <reason>} and never
 * repeats a value from the body: it could be a phone number.
 */
final class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidRequestException(String field, String reason) {
        super(field + ": " + reason, null, false, false);
    }
}
