package dev.paddock.api.model;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * Fills in the descriptions of fields of Kubernetes' own types (affinity, tolerations, resources, conditions) where a
 * custom resource embeds them: the Fabric8 model classes carry none, so without this {@code kubectl explain} shows
 * nothing for them. The texts are in {@code kubernetes-fields.properties}, keyed by the Java type's simple name and
 * the field. Used at build time by the CRD generator through {@code @SchemaCustomizer(value = FieldDescriptions.class,
 * input = "<the annotated class's name>")}; a description already present is kept.
 */
public final class FieldDescriptions implements SchemaCustomizer.Customizer {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Properties TEXTS = load();

    @Override
    public JSONSchemaProps apply(JSONSchemaProps schema, String input, KubernetesSerialization serialization) {
        try {
            fill(schema, MAPPER.constructType(Class.forName(input, false, FieldDescriptions.class.getClassLoader())));
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("@SchemaCustomizer input must name the annotated class: " + input, e);
        }
        return schema;
    }

    /** Walks the schema of {@code type} and each of its properties, filling descriptions that are missing. */
    static void fill(JSONSchemaProps schema, JavaType type) {
        if (schema == null || type == null) {
            return;
        }
        if (type.isCollectionLikeType() || type.isArrayType()) {
            fill(schema.getItems() != null ? schema.getItems().getSchema() : null, type.getContentType());
            return;
        }
        if (type.isMapLikeType()) {
            fill(schema.getAdditionalProperties() != null ? schema.getAdditionalProperties().getSchema() : null,
                    type.getContentType());
            return;
        }
        Map<String, JSONSchemaProps> properties = schema.getProperties();
        if (properties == null || properties.isEmpty()) {
            return;
        }
        for (BeanPropertyDefinition property : MAPPER.getSerializationConfig().introspect(type).findProperties()) {
            JSONSchemaProps field = properties.get(property.getName());
            if (field == null) {
                continue;
            }
            if (field.getDescription() == null || field.getDescription().isBlank()) {
                field.setDescription(TEXTS.getProperty(type.getRawClass().getSimpleName() + "." + property.getName()));
            }
            fill(field, property.getPrimaryType());
        }
    }

    private static Properties load() {
        Properties texts = new Properties();
        try (InputStream in = FieldDescriptions.class.getResourceAsStream("kubernetes-fields.properties")) {
            if (in == null) {
                throw new IllegalStateException("kubernetes-fields.properties is missing beside FieldDescriptions");
            }
            texts.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts;
    }
}
