package org.openauthz.authz.api.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.openauthz.authz.jwk.KeyRotation;
import org.openauthz.authz.jwk.KeyService;
import org.openauthz.authz.oauth2.OAuth2Error;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Admin {@code /keys/{set}} and {@code /keys/{set}/{kid}} as in Hydra v1.10: JSON Web Key sets
 * (<a href="https://www.rfc-editor.org/rfc/rfc7517">RFC 7517</a>), private
 * parts included, as Hydra's admin API returns them.
 */
@Path("/keys/{set}")
@Produces(MediaType.APPLICATION_JSON)
public final class KeysResource {
    private final KeyService keys;
    private final KeyRotation rotation;

    public KeysResource(KeyService keys, KeyRotation rotation) {
        this.keys = keys;
        this.rotation = rotation;
    }

    /** Body of {@code POST /keys/{set}}. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record GeneratorRequest(@JsonProperty("alg") String alg, @JsonProperty("kid") String kid,
                                   @JsonProperty("use") String use) {
    }

    @GET
    public Map<String, Object> getSet(@PathParam("set") String set) {
        List<JWK> found = keys.keys(set);
        if (found.isEmpty()) {
            throw KeyService.setNotFound(set);
        }
        return new JWKSet(found).toJSONObject(false);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("set") String set, GeneratorRequest body) {
        GeneratorRequest request = ClientsResource.requireBody(body);
        if (request.alg() == null || request.alg().isEmpty()) {
            throw OAuth2Error.INVALID_REQUEST.withHint("Field 'alg' is required: RS256, ES256, ES512, HS256 or HS512.")
                    .toException();
        }
        JWK key = keys.create(set, request.alg(), request.kid(), request.use());
        return Response.status(201).entity(new JWKSet(key).toJSONObject(false)).build();
    }

    /**
     * {@code POST /keys/{set}/rotate} (not in Hydra; decision 0021): a new key that signs from now on, answered like
     * {@code POST /keys/{set}}; the keys it replaces stay published.
     */
    @POST
    @Path("/rotate")
    public Response rotate(@PathParam("set") String set) {
        JWK key = rotation.rotateNow(set);
        return Response.status(201).entity(new JWKSet(key).toJSONObject(false)).build();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> replaceSet(@PathParam("set") String set, JsonNode body) {
        JsonNode keyArray = ClientsResource.requireBody(body).path("keys");
        if (!keyArray.isArray()) {
            throw OAuth2Error.INVALID_REQUEST.withHint("The body must be a JSON Web Key Set with a 'keys' array.")
                    .toException();
        }
        List<JWK> parsed = new ArrayList<>();
        for (JsonNode key : keyArray) {
            parsed.add(parse(key));
        }
        keys.replaceSet(set, parsed);
        return new JWKSet(parsed).toJSONObject(false);
    }

    @DELETE
    public Response deleteSet(@PathParam("set") String set) {
        keys.deleteSet(set);
        return Response.noContent().build();
    }

    @GET
    @Path("/{kid}")
    public Map<String, Object> getKey(@PathParam("set") String set, @PathParam("kid") String kid) {
        JWK key = keys.find(set, kid).orElseThrow(() -> OAuth2Error.RESOURCE_NOT_FOUND
                .withHint("The JSON Web Key '" + kid + "' does not exist in set '" + set + "'.").toException());
        return new JWKSet(key).toJSONObject(false);
    }

    @PUT
    @Path("/{kid}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> replaceKey(@PathParam("set") String set, @PathParam("kid") String kid, JsonNode body) {
        JWK key = parse(ClientsResource.requireBody(body));
        keys.replaceKey(set, kid, key);
        return key.toJSONObject();
    }

    @DELETE
    @Path("/{kid}")
    public Response deleteKey(@PathParam("set") String set, @PathParam("kid") String kid) {
        keys.deleteKey(set, kid);
        return Response.noContent().build();
    }

    private static JWK parse(JsonNode node) {
        try {
            return JWK.parse(node.toString());
        } catch (ParseException e) {
            throw OAuth2Error.INVALID_REQUEST.withHint("Not a valid JSON Web Key: " + e.getMessage()).toException();
        }
    }
}
