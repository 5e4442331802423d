def lines = new File(basedir, 'build.log').readLines()
assert lines.any { it.startsWith('[ERROR] Failed to execute goal dev.meshsdk:mesh-maven-plugin') && it.endsWith(
        "Cannot export in format 'xml': use all, openlineage or datahub (-Dmesh.export.format) -> [Help 1]") }
