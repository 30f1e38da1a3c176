package io.contextuate.monitor.sql;

import org.jdbi.v3.sqlobject.customizer.SqlStatementCustomizerFactory;
import org.jdbi.v3.sqlobject.customizer.SqlStatementCustomizingAnnotation;
import org.jdbi.v3.sqlobject.customizer.SqlStatementParameterCustomizer;

import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;

/**
 * Binds a {@link SessionRow} (or, in a {@code @SqlBatch}, each row of a list) to a statement: every column as the
 * named parameter of its column name ({@code :session_id}, {@code :token_usage_extra}...), NULL typed by the
 * column's kind. A statement uses the parameters it names; the others are left unbound.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@SqlStatementCustomizingAnnotation(BindSessionRow.Factory.class)
public @interface BindSessionRow {

    /** Makes the binding; JDBI creates it. */
    final class Factory implements SqlStatementCustomizerFactory {
        @Override
        public SqlStatementParameterCustomizer createForParameter(Annotation annotation, Class<?> sqlObjectType,
                                                                  Method method, Parameter param, int index,
                                                                  Type type) {
            return (statement, row) -> statement.bindNamedArgumentFinder(((SessionRow) row).arguments());
        }
    }
}
