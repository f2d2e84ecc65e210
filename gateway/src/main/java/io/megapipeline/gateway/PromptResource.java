package io.megapipeline.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.DeletionEvent;
import io.megapipeline.core.PromptId;
import io.megapipeline.core.stage.EventPublisher;
import io.megapipeline.core.stage.Problem;
import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.core.stage.RejectedInputException.Kind;
import io.megapipeline.core.store.ObjectStore;
import io.megapipeline.core.store.StoredObject;
import io.vertx.ext.web.RoutingContext;

/** Prompts: upload, list, detail, audio download and delete. Every id in a URL is checked first. */
@Path("/api/prompts")
@Tag(name = "prompts")
public class PromptResource {

    /** The longest multipart boundary RFC 2046 allows. */
    private static final int MAX_BOUNDARY = 70;
    /** What a form's file may be declared as: a WAV, or bytes of no particular type as some browsers send. */
    private static final Set<String> WAV_PARTS = Set.of("audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave",
            "application/octet-stream");

    private final Uploads uploads;
    private final PromptCatalog catalog;
    private final ObjectStore store;
    private final Progress progress;
    private final Owners owners;
    private final EventPublisher publisher;

    PromptResource(Uploads uploads, PromptCatalog catalog, ObjectStore store, Progress progress, Owners owners,
            EventPublisher publisher) {
        this.uploads = uploads;
        this.catalog = catalog;
        this.store = store;
        this.progress = progress;
        this.owners = owners;
        this.publisher = publisher;
    }

    @POST
    @Consumes({ "audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave" })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a prompt as a WAV body", description = "16-bit PCM WAV, at most 10 MB and 60 s by default")
    public Response upload(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length, RoutingContext ctx)
            throws RejectedInputException, IOException {
        if (contentType == null) {
            throw new NotSupportedException(); // RESTEasy would take a body without a type for a WAV
        }
        // A stream, not a byte[]: RESTEasy would buffer the body in growing copies before the size is known.
        return created(uploads.accept(uploads.read(body, length == null ? -1 : length), Owners.viewer(ctx).owner()), ctx);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a prompt as the form field 'file'")
    public Response uploadForm(@RestForm("file") List<FileUpload> files, @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType form,
            RoutingContext ctx) throws RejectedInputException {
        String boundary = form.getParameters().getOrDefault("boundary", "");
        if (boundary.isEmpty()) {
            throw new RejectedInputException("the Content-Type multipart/form-data has no boundary");
        }
        if (boundary.length() > MAX_BOUNDARY) {
            throw new RejectedInputException("the multipart boundary has " + boundary.length() + " characters; at most "
                    + MAX_BOUNDARY + " are allowed");
        }
        if (files.isEmpty()) {
            throw new RejectedInputException("the form has no field 'file' with the WAV");
        }
        if (files.size() > 1) {
            throw new RejectedInputException("the form has " + files.size() + " fields 'file': send one WAV");
        }
        FileUpload file = files.get(0);
        String type = file.contentType() == null ? "" : file.contentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !WAV_PARTS.contains(type)) {
            throw new RejectedInputException(Kind.UNSUPPORTED_FORMAT, "the form's file is '" + type
                    + "': send a WAV (audio/wav)");
        }
        uploads.checkSize(file.size());
        try {
            return created(uploads.accept(Files.readAllBytes(file.uploadedFile()), Owners.viewer(ctx).owner()), ctx);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded form's file", e);
        }
    }

    private Response created(PromptId id, RoutingContext ctx) {
        return Response.created(URI.create("/api/prompts/" + id)).entity(catalog.find(id, Owners.viewer(ctx)).orElseThrow())
                .build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The viewer's prompts (every prompt in class mode), newest first, with every stage's state")
    public Response list(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size, RoutingContext ctx) throws RejectedInputException {
        if (page < 0 || size < 1 || size > 100) {
            throw new RejectedInputException("page must be 0 or more and size between 1 and 100");
        }
        return Response.ok(catalog.page(page, size, Owners.viewer(ctx))).build();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One prompt: stage states, texts, audio URLs, timings")
    public Response get(String id, RoutingContext ctx) throws RejectedInputException {
        PromptId promptId = parse(id);
        return catalog.find(promptId, Owners.viewer(ctx)).map(v -> Response.ok(v).build()).orElseGet(() -> unknown(promptId));
    }

    @GET
    @Path("/{id}/audio/{artifact}")
    @Produces("audio/wav")
    @Operation(summary = "An audio artifact of a prompt; supports Range requests")
    public Response audio(String id, String artifact, @HeaderParam("Range") String range, RoutingContext ctx)
            throws RejectedInputException {
        PromptId promptId = parse(id);
        if (!Owners.viewer(ctx).sees(catalog.ownerOf(promptId))) {
            return unknown(promptId); // another's prompt is as good as none: its id says nothing
        }
        Artifact audio = Artifact.find(artifact).filter(Artifact::isAudio).orElse(null);
        if (audio == null) {
            return Problem.of(404, "'" + artifact + "' is not an audio artifact: "
                    + "input-audios, text-audios or output-audios").response();
        }
        StoredObject object = store.stat(audio.key(promptId)).orElse(null);
        if (object == null) {
            return Problem.of(404, "prompt " + promptId + " has no " + audio + " (yet)").response();
        }
        long total = object.size();
        ByteRange part;
        try {
            part = ByteRange.parse(range, total).orElse(null);
        } catch (ByteRange.Unsatisfiable e) {
            return Response.fromResponse(Problem.of(416, e.getMessage()).response())
                    .header("Content-Range", "bytes */" + total).build();
        }
        if (part == null) {
            return Response.ok(store.getRange(object.key(), 0, total), "audio/wav")
                    .header(HttpHeaders.CONTENT_LENGTH, total).header("Accept-Ranges", "bytes").build();
        }
        return Response.status(206).type("audio/wav").entity(store.getRange(object.key(), part.first(), part.length()))
                .header(HttpHeaders.CONTENT_LENGTH, part.length()).header("Content-Range", part.contentRange(total))
                .header("Accept-Ranges", "bytes").build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete every object of a prompt (in class mode with the admin token)")
    public Response delete(String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, RoutingContext ctx)
            throws RejectedInputException {
        PromptId promptId = parse(id);
        Viewer viewer = Owners.viewer(ctx);
        catalog.ensureLoaded();
        if (catalog.isDeleted(promptId)) {
            return Response.noContent().build(); // deleted before: a deletion holds, and saying so again reveals nothing
        }
        if (!catalog.contains(promptId) && !store.exists(Artifact.INPUT_AUDIOS.key(promptId))) {
            return unknown(promptId);
        }
        String owner = catalog.ownerOf(promptId);
        if (!viewer.sees(owner)) {
            return unknown(promptId);
        }
        if (viewer.seesAll() && !owners.isAdmin(authorization)) {
            return Problem.of(403, owners.hasAdminToken()
                    ? "deleting a prompt of the class needs the admin token (Authorization: Bearer ...)"
                    : "nobody may delete prompts of the class: the gateway has no admin token (gateway.admin-token)")
                    .response();
        }
        // The marker first: from now on no stage makes anything of the prompt, and the gateway removes what a
        // stage already working on it still writes.
        store.put(DeletionEvent.markerKey(promptId), new byte[0], "application/octet-stream");
        for (Artifact artifact : Artifact.values()) {
            store.delete(artifact.key(promptId));
        }
        for (StoredObject object : store.list(Owners.prefix(promptId))) {
            store.delete(object.key());
        }
        catalog.deleted(promptId);
        progress.deleted(promptId, owner);
        publisher.publish(DeletionEvent.of(promptId, "gateway")); // every other replica forgets it too
        return Response.noContent().build();
    }

    private static PromptId parse(String id) throws RejectedInputException {
        try {
            return PromptId.of(id);
        } catch (IllegalArgumentException e) {
            throw new RejectedInputException("malformed prompt id: " + e.getMessage());
        }
    }

    private static Response unknown(PromptId id) {
        return Problem.of(404, "no prompt " + id).response();
    }
}
