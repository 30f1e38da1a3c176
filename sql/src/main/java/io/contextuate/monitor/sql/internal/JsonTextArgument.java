package io.contextuate.monitor.sql.internal;

import io.contextuate.monitor.sql.JsonText;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.config.ConfigRegistry;

import java.sql.Types;

/** Binds {@link JsonText} as the string it is, so statements bind a row's JSON columns as they bind its text ones. */
public final class JsonTextArgument extends AbstractArgumentFactory<JsonText> {

    /** The factory a store's JDBI registers. */
    public static final ArgumentFactory FACTORY = new JsonTextArgument();

    private JsonTextArgument() {
        super(Types.VARCHAR);
    }

    @Override
    protected Argument build(JsonText value, ConfigRegistry config) {
        return (position, statement, context) -> statement.setString(position, value.toString());
    }
}
