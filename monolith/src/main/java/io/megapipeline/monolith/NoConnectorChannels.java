package io.megapipeline.monolith;

import java.util.Iterator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.Spliterators;
import java.util.Spliterator;

import jakarta.annotation.Priority;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;

/**
 * Hides the services' Kafka channel settings ({@code mp.messaging.incoming.*}, {@code mp.messaging.outgoing.*}),
 * which come with their modules' application.properties: in the monolith every channel is wired in memory by
 * {@link InMemoryEventRouter}, and a channel with settings would be taken for one that needs a connector.
 */
@Priority(Priorities.APPLICATION)
public class NoConnectorChannels implements ConfigSourceInterceptor {

    static boolean isChannelSetting(String name) {
        return name.startsWith("mp.messaging.incoming.") || name.startsWith("mp.messaging.outgoing.");
    }

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        return isChannelSetting(name) ? null : context.proceed(name);
    }

    @Override
    public Iterator<String> iterateNames(ConfigSourceInterceptorContext context) {
        Stream<String> names = StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(context.iterateNames(), Spliterator.ORDERED), false);
        return names.filter(name -> !isChannelSetting(name)).iterator();
    }
}
