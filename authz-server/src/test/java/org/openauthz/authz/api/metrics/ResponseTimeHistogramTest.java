package org.openauthz.authz.api.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseTimeHistogramTest {
    private static final long MS = 1_000_000L;

    private final ResponseTimeHistogram histogram = new ResponseTimeHistogram("v1.2.3",
            List.of("/oauth2/token", "/clients/{param}"));

    private String scrape() {
        StringBuilder out = new StringBuilder();
        histogram.writeTo(out);
        return out.toString();
    }

    @Test
    void whenResponsesAreObservedThenBucketsAreCumulativeWithSumAndCount() {
        histogram.observe("/oauth2/token", "POST", 200, 3 * MS);
        histogram.observe("/oauth2/token", "POST", 200, 30 * MS);
        histogram.observe("/oauth2/token", "POST", 200, 20_000 * MS);

        String labels = "version=\"v1.2.3\",endpoint=\"/oauth2/token\",method=\"POST\",code=\"200\"";
        assertThat(scrape()).contains("# TYPE hydra_response_time_seconds histogram\n")
                .contains("hydra_response_time_seconds_bucket{" + labels + ",le=\"0.005\"} 1\n")
                .contains("hydra_response_time_seconds_bucket{" + labels + ",le=\"0.025\"} 1\n")
                .contains("hydra_response_time_seconds_bucket{" + labels + ",le=\"0.05\"} 2\n")
                .contains("hydra_response_time_seconds_bucket{" + labels + ",le=\"10.0\"} 2\n")
                .contains("hydra_response_time_seconds_bucket{" + labels + ",le=\"+Inf\"} 3\n")
                .contains("hydra_response_time_seconds_sum{" + labels + "} 20.033")
                .contains("hydra_response_time_seconds_count{" + labels + "} 3\n");
    }

    @Test
    void whenMethodAndStatusDifferThenEachHasItsOwnSeries() {
        histogram.observe("/clients/{param}", "GET", 401, MS);
        histogram.observe("/clients/{param}", "DELETE", 204, MS);
        histogram.observe("/clients/{param}", "BREW", 999, MS);

        assertThat(scrape())
                .contains("hydra_response_time_seconds_count{version=\"v1.2.3\",endpoint=\"/clients/{param}\","
                        + "method=\"GET\",code=\"401\"} 1\n")
                .contains("hydra_response_time_seconds_count{version=\"v1.2.3\",endpoint=\"/clients/{param}\","
                        + "method=\"DELETE\",code=\"204\"} 1\n")
                // Unknown methods and impossible statuses cannot grow the number of series.
                .contains("hydra_response_time_seconds_count{version=\"v1.2.3\",endpoint=\"/clients/{param}\","
                        + "method=\"other\",code=\"500\"} 1\n");
    }

    @Test
    void whenAnEndpointIsNotKnownThenItCountsAsUnmatched() {
        histogram.observe("/clients/secret-id", "GET", 404, MS);

        assertThat(scrape()).contains("endpoint=\"{unmatched}\",method=\"GET\",code=\"404\"} 1\n")
                .doesNotContain("secret-id");
    }

    @Test
    void whenNothingWasObservedThenOnlyTheHeaderIsWritten() {
        assertThat(scrape()).doesNotContain("_bucket");
    }
}
