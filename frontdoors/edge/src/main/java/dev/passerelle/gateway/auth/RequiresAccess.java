package dev.passerelle.gateway.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The access a REST method needs. The method's {@code bucket} path parameter, if any, is the
 * bucket the token must be allowed on. Methods without this annotation are refused.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresAccess {
    /** @return the level needed */
    Access value();

    /** @return whether a caller without a token may call it on a bucket open to anonymous reads */
    boolean anonymousOnOpenBuckets() default false;
}
