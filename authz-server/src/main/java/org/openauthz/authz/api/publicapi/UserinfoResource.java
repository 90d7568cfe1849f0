package org.openauthz.authz.api.publicapi;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.openauthz.authz.api.errors.ErrorRenderer;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;
import org.openauthz.authz.oauth2.oidc.Userinfo;

/**
 * {@code GET|POST /userinfo} (OpenID Connect Core §5.3). The access token comes as a Bearer header (RFC 6750 §2.1)
 * or, on POST, as the {@code access_token} form field (§2.2). Errors are 401/403 with a {@code WWW-Authenticate:
 * Bearer} challenge (RFC 6750 §3).
 */
@Path("/userinfo")
public final class UserinfoResource {
    private final Userinfo userinfo;
    private final ErrorRenderer errors;

    public UserinfoResource(Userinfo userinfo, ErrorRenderer errors) {
        this.userinfo = userinfo;
        this.errors = errors;
    }

    @GET
    public Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return answer(bearer(authorization, null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response post(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         MultivaluedMap<String, String> form) {
        return answer(bearer(authorization, form.getFirst("access_token")));
    }

    private Response answer(String token) {
        try {
            if (token == null) {
                throw OAuth2Error.INVALID_TOKEN.withHint("Provide the access token as 'Authorization: Bearer <token>'.")
                        .toException();
            }
            Userinfo.Answer answer = userinfo.answer(token);
            if (answer.jwt() != null) {
                return Response.ok(answer.jwt(), "application/jwt").header("Cache-Control", "no-store").build();
            }
            return NoStore.ok(answer.claims());
        } catch (OAuth2Exception e) {
            OAuth2Error error = e.error();
            return Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE)
                    .header("WWW-Authenticate", "Bearer error=\"" + error.error() + "\",error_description=\""
                            + error.fullDescription().replace('"', '\'') + "\"")
                    .entity(errors.render(error)).build();
        }
    }

    private static String bearer(String header, String formToken) {
        String token = BearerToken.fromHeader(header);
        if (token != null) {
            return token;
        }
        return formToken == null || formToken.isEmpty() ? null : formToken;
    }
}
