package dev.conveyor.engine.queue;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.Context;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueServiceClient;
import com.azure.storage.queue.QueueServiceClientBuilder;
import com.azure.storage.queue.models.QueueMessageItem;
import com.azure.storage.queue.models.QueueStorageException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link QueueTransport} over the Azure Storage Queues SDK (and so over Azurite). */
public final class AzureQueueTransport implements QueueTransport {

    /** Never expire: a message waiting out its retries or in a poison queue must not vanish after 7 days. */
    private static final Duration NEVER_EXPIRES = Duration.ofSeconds(-1);

    private final QueueServiceClient service;
    private final ConcurrentMap<String, QueueClient> clients = new ConcurrentHashMap<>();

    public AzureQueueTransport(String connectionString) {
        this(connectionString, List.of());
    }

    /**
     * @param policies added to the SDK's HTTP pipeline, such as the benchmark's counter of storage operations
     */
    public AzureQueueTransport(String connectionString, List<HttpPipelinePolicy> policies) {
        QueueServiceClientBuilder builder = new QueueServiceClientBuilder();
        policies.forEach(builder::addPolicy);
        this.service = withRetries(builder
                .connectionString(connectionString)
                .httpClient(new JdkHttpClientBuilder().build()))
                .buildClient();
    }

    private AzureQueueTransport(QueueServiceClient service) {
        this.service = service;
    }

    /**
     * A transport over a builder that already names the account and how to sign in (an endpoint and a token
     * credential, say) and its HTTP client; the engine's retry settings are added here.
     */
    public static AzureQueueTransport over(QueueServiceClientBuilder account) {
        return new AzureQueueTransport(withRetries(account).buildClient());
    }

    private static QueueServiceClientBuilder withRetries(QueueServiceClientBuilder builder) {
        // The SDK default has no per-try timeout and waits 4 s before its first retry: a hung call
        // would stall a consumer for good, and a retried send is deduplicated by the inbox anyway.
        return builder.retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 4, Duration.ofSeconds(20),
                Duration.ofMillis(200), Duration.ofSeconds(5), null));
    }

    @Override
    public void createQueue(String queueName) {
        client(queueName).createIfNotExists();
    }

    @Override
    public void deleteQueue(String queueName) {
        client(queueName).deleteIfExists();
        clients.remove(queueName);
    }

    @Override
    public SentMessage send(String queueName, String body, Duration initialVisibility) {
        return send(queueName, body, initialVisibility, NEVER_EXPIRES);
    }

    @Override
    public SentMessage send(String queueName, String body, Duration initialVisibility, Duration timeToLive) {
        Duration visibility = initialVisibility.isNegative() ? Duration.ZERO : initialVisibility;
        var sent = client(queueName).sendMessageWithResponse(body, visibility, timeToLive, null, Context.NONE).getValue();
        return new SentMessage(sent.getMessageId(), sent.getPopReceipt());
    }

    @Override
    public List<ReceivedMessage> receive(String queueName, int maxMessages, Duration lease) {
        List<ReceivedMessage> messages = new ArrayList<>(maxMessages);
        try {
            for (QueueMessageItem item : client(queueName).receiveMessages(maxMessages, lease, null, Context.NONE)) {
                Instant inserted = item.getInsertionTime() == null ? Instant.now() : item.getInsertionTime().toInstant();
                messages.add(new ReceivedMessage(queueName, item.getMessageId(), item.getPopReceipt(),
                        item.getBody() == null ? "" : item.getBody().toString(), item.getDequeueCount(), inserted));
            }
        } catch (QueueStorageException e) {
            if (e.getStatusCode() == 404) {
                throw new QueueMissingException(queueName, e);
            }
            throw e;
        }
        return messages;
    }

    @Override
    public void delete(String queueName, String messageId, String popReceipt) {
        try {
            client(queueName).deleteMessage(messageId, popReceipt);
        } catch (QueueStorageException e) {
            throw leaseLostOr(e, queueName, messageId);
        }
    }

    @Override
    public String extendLease(String queueName, String messageId, String popReceipt, Duration visibility) {
        try {
            // A null text keeps the body; the visibility is explicit because the SDK's shorter overload sends 0.
            return client(queueName).updateMessage(messageId, popReceipt, null, visibility).getPopReceipt();
        } catch (QueueStorageException e) {
            throw leaseLostOr(e, queueName, messageId);
        }
    }

    @Override
    public void ping() {
        service.getProperties();
    }

    @Override
    public long approximateDepth(String queueName) {
        return client(queueName).getProperties().getApproximateMessagesCount();
    }

    @Override
    public Optional<Instant> oldestVisibleMessageTime(String queueName) {
        var peeked = client(queueName).peekMessage();
        return peeked == null || peeked.getInsertionTime() == null ? Optional.empty()
                : Optional.of(peeked.getInsertionTime().toInstant());
    }

    private QueueClient client(String queueName) {
        return clients.computeIfAbsent(queueName, service::getQueueClient);
    }

    private static RuntimeException leaseLostOr(QueueStorageException e, String queueName, String messageId) {
        int status = e.getStatusCode();
        String code = e.getErrorCode() == null ? "" : e.getErrorCode().toString();
        if (status == 404 || (status == 400 && "PopReceiptMismatch".equals(code))) {
            return new LeaseLostException(queueName, messageId, e);
        }
        return e;
    }
}
