package org.openauthz.loginconsent.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.openauthz.loginconsent.admin.AdminFailure;
import org.openauthz.loginconsent.views.ErrorView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every exception into the error page with a status that says what happened: 400 for a missing, damaged or
 * unknown challenge and for CSRF failures, 410 for a request already answered, 502 when the admin API cannot be
 * reached or answers nonsense, 404/405/415 for wrong URLs and methods, 500 for our own bugs. The person sees an
 * explanation; the details go to the log only.
 */
public final class ErrorPages implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);

    @Override
    public Response toResponse(Throwable exception) {
        return render(page(exception));
    }

    static PageException page(Throwable exception) {
        if (exception instanceof PageException page) {
            return page;
        }
        if (exception instanceof AdminFailure failure) {
            return fromAdmin(failure);
        }
        if (exception instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            return fromStatus(web.getResponse().getStatus());
        }
        LOG.error("unexpected failure while serving a page", exception);
        return new PageException(500, "Something went wrong",
                "This page ran into a problem on our side. Go back to the application and try again.", null);
    }

    static PageException fromAdmin(AdminFailure failure) {
        return switch (failure.kind()) {
            case UNREACHABLE -> new PageException(502, "The authorization server cannot be reached",
                    "This page could not reach the authorization server to look up your sign-in request. Try again "
                            + "in a moment. If it keeps happening, the administrator should check that the server "
                            + "is running and that this app's HYDRA_ADMIN_URL points at its admin API.", null);
            case UNKNOWN_CHALLENGE -> new PageException(400, "This sign-in request is unknown",
                    "The authorization server does not know this request. The link may be incomplete, or the "
                            + "request may have expired. Go back to the application and sign in again.", null);
            case ALREADY_HANDLED -> new PageException(410, "This sign-in request was already answered",
                    "This step was already completed, perhaps in another tab or by going back in your browser. "
                            + "Each request can be answered only once."
                            + (failure.redirectTo().isPresent() ? " Start again to continue."
                            : " Go back to the application and sign in again."),
                    failure.redirectTo().orElse(null));
            case UNAVAILABLE -> new PageException(503, "Sign-in is temporarily unavailable",
                    "The authorization server cannot handle sign-ins right now. Nothing was lost: wait a moment, "
                    + "then reload this page.", null);
            case REFUSED -> new PageException(400, "The authorization server refused this request",
                    "The authorization server did not accept this sign-in step. Go back to the application and "
                            + "sign in again.", null);
            case BAD_ANSWER -> new PageException(502, "The authorization server gave an unexpected answer",
                    "The authorization server answered in a way this page does not understand. Try again in a "
                            + "moment; if it keeps happening, tell the administrator.", null);
        };
    }

    private static PageException fromStatus(int status) {
        return switch (status) {
            case 404 -> new PageException(404, "Page not found",
                    "There is no page at this address. Sign-in pages are opened by applications, with a challenge "
                            + "in the address.", null);
            case 405 -> new PageException(405, "This page cannot be used this way",
                    "The page does not accept this kind of request. Go back to the application and sign in again.",
                    null);
            default -> new PageException(status == 415 ? 415 : 400, "The request could not be understood",
                    "Your browser sent something this page cannot read. Go back to the application and sign in "
                            + "again.", null);
        };
    }

    private static Response render(PageException page) {
        return Response.status(page.status())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(new ErrorView(page.status(), page.title(), page.explanation(),
                        page.startAgainUrl().orElse(null)))
                .build();
    }
}
