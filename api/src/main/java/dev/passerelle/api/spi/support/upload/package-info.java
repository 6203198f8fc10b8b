/**
 * The one upload engine of the backends that send parts ({@link dev.passerelle.api.spi.support.upload.UploadEngine}):
 * a backend implements {@link dev.passerelle.api.spi.support.upload.UploadTarget} (and, for one request
 * streamed while it is read, {@link dev.passerelle.api.spi.support.upload.StreamTarget}); buffering within a
 * memory budget, part sizing, parallel parts, verification before the commit and abort on failure live
 * here once. See docs/uploads.md and ADR 0020.
 */
package dev.passerelle.api.spi.support.upload;
