"""The Content-Security-Policy sent with every response: no inline script or style at all;
and the Permissions-Policy: no browser feature (camera, microphone, location, ...) for anyone."""

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
    )
)

# ASVS 5.0 V3.4 (issue #17.11): Deelwijzer uses none of these features, so no page or frame
# may ask for them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
)


def with_form_targets(origins) -> str:
    """The policy, with forms also allowed to lead to these origins (the sign-in page that
    sends a user on to their organisation's provider, #21)."""
    extra = "".join(f" {origin}" for origin in sorted({o for o in origins if o}))
    return CONTENT_SECURITY_POLICY.replace("form-action 'self'", f"form-action 'self'{extra}")
