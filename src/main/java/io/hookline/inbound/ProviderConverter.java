package io.hookline.inbound;

import io.hookline.provider.Provider;
import io.hookline.provider.Providers;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * Binds {@code hookline.sources.<name>.provider}. Spring's own enum binding only says
 * "No enum constant …" for a typo; this names the providers instead, and Spring Boot prints it
 * with the key and the value. Names match as Spring matched them: case, '-' and '_' aside.
 */
@Component
@ConfigurationPropertiesBinding
public class ProviderConverter implements Converter<String, Provider> {

    @Override
    public Provider convert(String source) {
        String name = source.trim();
        if (name.isEmpty()) return null; // unset: validation says "is required"
        return Providers.byId(name);
    }
}
