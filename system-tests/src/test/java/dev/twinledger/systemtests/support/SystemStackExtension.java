package dev.twinledger.systemtests.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands test methods and constructors the one {@link SystemStack} of this JVM, starting it on first use and
 * stopping it when the whole test run ends (it lives in the root context's store).
 */
public final class SystemStackExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SystemStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SystemStack.class, key -> new ClosingStack(SystemStack.start()),
                        ClosingStack.class)
                .stack();
    }

    private record ClosingStack(SystemStack stack) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            stack.close();
        }
    }
}
