from django.core.management import call_command
from django.test import override_settings


def test_collectstatic_builds_hashed_compressed_files(tmp_path):
    """What production serves: hashed names (far-future caching) and .gz and
    .br files (brotli, which whitenoise uses when the package is installed)."""
    with override_settings(
        STATIC_ROOT=tmp_path,
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {
                "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
            },
        },
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
    css = list((tmp_path / "vendor" / "bootstrap" / "css").glob("bootstrap.min.*.css"))
    assert css, "no hashed Bootstrap stylesheet"
    assert (tmp_path / "staticfiles.json").exists()
    assert list((tmp_path / "css").glob("site.*.css.gz"))
    assert list((tmp_path / "css").glob("site.*.css.br"))
    assert list(
        (tmp_path / "vendor" / "bootstrap" / "css").glob("bootstrap.min.*.css.br")
    )
