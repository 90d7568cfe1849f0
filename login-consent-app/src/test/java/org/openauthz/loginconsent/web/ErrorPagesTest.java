package org.openauthz.loginconsent.web;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openauthz.loginconsent.admin.AdminFailure;
import org.openauthz.loginconsent.views.ErrorView;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorPagesTest {
    private final ErrorPages pages = new ErrorPages();

    @ParameterizedTest
    @CsvSource({"UNREACHABLE,502", "UNKNOWN_CHALLENGE,400", "ALREADY_HANDLED,410", "REFUSED,400", "BAD_ANSWER,502",
            "UNAVAILABLE,503"})
    void whenTheAdminApiFailsThenTheStatusSaysHow(AdminFailure.Kind kind, int status) {
        Response response = pages.toResponse(new AdminFailure(kind, 0, null, "detail", null));

        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getEntity()).isInstanceOf(ErrorView.class);
        assertThat(((ErrorView) response.getEntity()).getExplanation()).doesNotContain("detail");
    }

    @Test
    void whenTheRequestWasAlreadyHandledThenThePageLinksToStartAgain() {
        Response response = pages.toResponse(new AdminFailure(AdminFailure.Kind.ALREADY_HANDLED, 410,
                "http://127.0.0.1:9000/oauth2/auth?client_id=c", "get login request", null));

        ErrorView view = (ErrorView) response.getEntity();
        assertThat(view.isHasStartAgain()).isTrue();
        assertThat(view.getStartAgainUrl()).isEqualTo("http://127.0.0.1:9000/oauth2/auth?client_id=c");
    }

    @Test
    void whenACsrfCheckFailsThenTheStatusIs400() {
        assertThat(pages.toResponse(PageException.csrf()).getStatus()).isEqualTo(400);
    }

    @Test
    void whenTheUrlOrMethodIsWrongThenJerseysStatusIsKept() {
        assertThat(pages.toResponse(new NotFoundException()).getStatus()).isEqualTo(404);
        assertThat(pages.toResponse(new NotAllowedException("GET")).getStatus()).isEqualTo(405);
        assertThat(pages.toResponse(new NotSupportedException()).getStatus()).isEqualTo(415);
    }

    @Test
    void whenSomethingUnexpectedFailsThenAGeneric500PageHidesTheDetails() {
        Response response = pages.toResponse(new IllegalStateException("secret internals"));

        ErrorView view = (ErrorView) response.getEntity();
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(view.getTitle() + view.getExplanation()).doesNotContain("secret internals");
    }
}
