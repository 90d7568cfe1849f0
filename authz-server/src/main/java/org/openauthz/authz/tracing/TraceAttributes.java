package org.openauthz.authz.tracing;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The span attributes this server sets, named as in OpenTelemetry's semantic conventions
 * (<a href="https://opentelemetry.io/docs/specs/semconv/http/http-spans/">HTTP spans</a>,
 * <a href="https://opentelemetry.io/docs/specs/semconv/database/database-spans/">database spans</a>). Every value is
 * a route template, a method, a status, a table or operation name or a count: never a value a client sent.
 */
final class TraceAttributes {
    static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
    static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> URL_SCHEME = AttributeKey.stringKey("url.scheme");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system.name");
    static final AttributeKey<String> DB_OPERATION = AttributeKey.stringKey("db.operation.name");
    static final AttributeKey<String> DB_COLLECTION = AttributeKey.stringKey("db.collection.name");
    static final AttributeKey<Long> DB_BATCH_SIZE = AttributeKey.longKey("db.operation.batch.size");

    private TraceAttributes() {
    }
}
