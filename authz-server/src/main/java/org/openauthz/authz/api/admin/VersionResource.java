package org.openauthz.authz.api.admin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.openauthz.authz.BuildInfo;

import java.util.Map;

/** Admin {@code GET /version}, as in Hydra v1.10's admin API. */
@Path("/version")
public final class VersionResource {
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> version() {
        return Map.of("version", BuildInfo.version());
    }
}
