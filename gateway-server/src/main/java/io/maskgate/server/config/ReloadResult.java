package io.maskgate.server.config;

import java.util.List;

/**
 * What a conf reload did, by conf key path. Paths only, never values: a value may be a secret's
 * location or an address ops would rather not see echoed.
 *
 * @param applied keys whose new value is live now
 * @param restartRequired keys that changed but take effect only at the next start
 * @param errors {@code key.path: reason} of an invalid conf; non-empty means nothing changed
 */
public record ReloadResult(List<String> applied, List<String> restartRequired, List<String> errors) {
    public ReloadResult {
        applied = List.copyOf(applied);
        restartRequired = List.copyOf(restartRequired);
        errors = List.copyOf(errors);
    }

    public static ReloadResult invalid(List<String> errors) {
        return new ReloadResult(List.of(), List.of(), errors);
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    public boolean changedNothing() {
        return applied.isEmpty() && restartRequired.isEmpty();
    }
}
