package io.megapipeline.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.minio.BucketExistsArgs;
import io.minio.Checksum;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import io.quarkus.runtime.StartupEvent;
import okhttp3.OkHttpClient;

/**
 * The object store of the pipeline: one bucket, reached through the MinIO Java client. Faults of the
 * store (unreachable, 5xx) surface as {@link StoreUnavailableException}, a missing object as
 * {@link ObjectNotFoundException}.
 */
@ApplicationScoped
public class ObjectStore {

    private static final Logger LOG = Logger.getLogger(ObjectStore.class);

    private final MinioClient client;
    /** The same store with short timeouts, for the readiness check: a store that hangs is not ready. */
    private final MinioClient probe;
    private final String bucket;
    private volatile boolean bucketChecked;

    public ObjectStore(StoreConfig config) {
        this.client = client(config, config.connectTimeout(), config.readTimeout());
        this.probe = client(config, config.healthTimeout(), config.healthTimeout());
        this.bucket = config.bucket();
    }

    private static MinioClient client(StoreConfig config, Duration connectTimeout, Duration readTimeout) {
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .build();
        return MinioClient.builder()
                .endpoint(config.endpoint())
                .region(config.region())
                .credentials(config.accessKey(), config.secretKey())
                .httpClient(http)
                .build();
    }

    void onStart(@Observes StartupEvent event) {
        try {
            ensureBucket();
        } catch (StoreUnavailableException e) {
            LOG.warnf("object store not reachable at start-up (%s); the bucket is checked again on first write",
                    e.getMessage());
        }
    }

    /** Creates the bucket if it does not exist yet. */
    public void ensureBucket() {
        ensureBucket(client);
    }

    private void ensureBucket(MinioClient client) {
        if (bucketChecked) {
            return;
        }
        call("create bucket " + bucket, () -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                try {
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                    LOG.infof("created bucket %s", bucket);
                } catch (ErrorResponseException e) {
                    if (!e.errorResponse().code().startsWith("BucketAlready")) { // another service won the race
                        throw e;
                    }
                }
            }
            return null;
        });
        bucketChecked = true;
    }

    /**
     * Writes an object. Its checksum is CRC32, which the JVM computes with the processor's instructions: the
     * client's default, CRC32C, is a Java loop over every byte that cost 6 to 10 ms of CPU per 2 MB of audio.
     */
    public void put(String key, byte[] data, String contentType) {
        ensureBucket();
        call("write " + key, () -> client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .data(data, data.length).contentType(contentType).checksum(Checksum.Algorithm.CRC32).build()));
    }

    public byte[] get(String key) {
        return call("read " + key, () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return in.readAllBytes();
            }
        });
    }

    /** A byte range of an object; the caller closes the stream. */
    public InputStream getRange(String key, long offset, long length) {
        return call("read " + key, () -> client.getObject(GetObjectArgs.builder()
                .bucket(bucket).object(key).offset(offset).length(length).build()));
    }

    public Optional<StoredObject> stat(String key) {
        try {
            StatObjectResponse stat = call("stat " + key,
                    () -> client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()));
            return Optional.of(new StoredObject(key, stat.size(), stat.lastModified().toInstant()));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
    }

    public boolean exists(String key) {
        return stat(key).isPresent();
    }

    /** Every object whose key starts with the prefix, in key order. */
    public List<StoredObject> list(String prefix) {
        return call("list " + prefix, () -> {
            List<StoredObject> objects = new ArrayList<>();
            for (Result<Item> result : client.listObjects(
                    ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
                Item item = result.get();
                if (!item.isDir()) {
                    objects.add(new StoredObject(item.objectName(), item.size(),
                            item.lastModified() == null ? null : item.lastModified().toInstant()));
                }
            }
            return objects;
        });
    }

    public void delete(String key) {
        call("delete " + key, () -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        });
    }

    /** Whether the store answers now, within the health timeout: the readiness check. */
    public boolean isReachable() {
        try {
            ensureBucket(probe);
            return call("check bucket " + bucket,
                    () -> probe.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()));
        } catch (StoreUnavailableException e) {
            return false;
        }
    }

    public String bucket() {
        return bucket;
    }

    private interface StoreCall<T> {
        T run() throws MinioException, IOException;
    }

    private <T> T call(String what, StoreCall<T> call) {
        try {
            return call.run();
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            if ("NoSuchKey".equals(code) || "NoSuchObject".equals(code) || "ResourceNotFound".equals(code)) {
                throw new ObjectNotFoundException(e.errorResponse().objectName() != null
                        ? e.errorResponse().objectName() : what);
            }
            if ("NoSuchBucket".equals(code)) {
                bucketChecked = false;
            }
            throw new StoreUnavailableException("object store refused to " + what + ": " + code, e);
        } catch (MinioException | IOException | RuntimeException e) {
            throw new StoreUnavailableException("object store unavailable, cannot " + what + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }
}
