package org.openauthz.authz.storage;

import java.util.List;

/** One page of a listing plus the total count, for {@code X-Total-Count} and {@code Link} headers. */
public record Page<T>(List<T> items, long total) {
}
