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
import org.openauthz.authz.oauth2.dpop.DpopVerifier;
import org.openauthz.authz.oauth2.oidc.Userinfo;

import java.util.List;

/**
 * {@code GET|POST /userinfo} (OpenID Connect Core §5.3). The access token comes as a Bearer header (RFC 6750 §2.1)
 * or, on POST, as the {@code access_token} form field (§2.2), or as {@code Authorization: DPoP} with a DPoP proof
 * (RFC 9449 §7.1). Errors are 401/403 with a {@code WWW-Authenticate: Bearer} challenge (RFC 6750 §3), or a
 * {@code DPoP} challenge with {@code algs} when the request used DPoP or the token needs it (RFC 9449 §7.1).
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
    public Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                        @HeaderParam(DpopVerifier.HEADER) List<String> dpopProofs) {
        return answer(presented(authorization, null, dpopProofs, "GET"));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response post(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @HeaderParam(DpopVerifier.HEADER) List<String> dpopProofs,
                         MultivaluedMap<String, String> form) {
        return answer(presented(authorization, form.getFirst("access_token"), dpopProofs, "POST"));
    }

    private Response answer(Userinfo.Presented presented) {
        try {
            if (presented.accessToken() == null) {
                throw OAuth2Error.INVALID_TOKEN.withHint("Provide the access token as 'Authorization: Bearer <token>'.")
                        .toException();
            }
            Userinfo.Answer answer = userinfo.answer(presented);
            if (answer.jwt() != null) {
                return Response.ok(answer.jwt(), "application/jwt").header("Cache-Control", "no-store").build();
            }
            return NoStore.ok(answer.claims());
        } catch (OAuth2Exception e) {
            OAuth2Error error = e.error();
            boolean dpop = presented.dpopScheme() || OAuth2Error.INVALID_DPOP_PROOF.error().equals(error.error());
            String challenge = (dpop ? "DPoP algs=\"" + String.join(" ", DpopVerifier.ALGORITHMS) + "\"," : "Bearer ")
                    + "error=\"" + error.error() + "\",error_description=\""
                    + error.fullDescription().replace('"', '\'') + "\"";
            return Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE)
                    .header("WWW-Authenticate", challenge)
                    .entity(errors.render(error)).build();
        }
    }

    private static Userinfo.Presented presented(String header, String formToken, List<String> dpopProofs,
                                                String method) {
        List<String> proofs = dpopProofs == null ? List.of() : dpopProofs;
        String bearer = BearerToken.fromHeader(header);
        if (bearer != null) {
            return new Userinfo.Presented(bearer, false, proofs, method);
        }
        if (header != null && header.regionMatches(true, 0, "DPoP ", 0, 5)) {
            return new Userinfo.Presented(header.substring(5).trim(), true, proofs, method);
        }
        return new Userinfo.Presented(formToken == null || formToken.isEmpty() ? null : formToken, false, proofs,
                method);
    }
}
