// help:describe reads a description as HTML, mesh:help prints it as it is: in both, each placeholder written in angle
// brackets in a goal's or parameter's Javadoc reads as written, and none is eaten as an unknown HTML tag.
def lines = new File(basedir, 'build.log').getText('UTF-8').readLines()

// the output of one goal: from its "--- prefix:version:goal" line to the end of its build, on one line, spaces collapsed
def section = { String header ->
    int from = lines.findIndexOf { it.startsWith('[INFO] --- ' + header) }
    assert from >= 0 : 'build.log has no run of ' + header
    int to = lines.findIndexOf(from) { it.startsWith('[INFO] BUILD ') }
    assert to > from : 'the run of ' + header + ' did not end'
    lines.subList(from + 1, to).collect { it.replaceFirst(/^\[INFO\] ?/, '') }.join(' ').replaceAll(/\s+/, ' ')
}

def shown = [
        'help:describe': section('help:3.6.0:describe'),
        'mesh:help'    : section('mesh:' + projectVersion + ':help'),
]
def placeholders = [
        'Settings for adapters and registries, mesh.<name>.<key> keys;',
        'on the command line as -Dmesh.<name>.<key>=..., which wins over the POM.',
        'Turns on a metrics reporter: console, or csv:<directory>. Off when empty.',
        "and the project's <mesh.directory>/policies/*.rego),",
        'Erases one data subject (-Dmesh.subject=<value>) from every product',
        "without mesh-spark in the plugin's <dependencies>, the goal fetches it on first use",
        'events are posted to <url>/api/v1/lineage)',
]
shown.each { goal, text ->
    assert text.contains('mesh:upgrade') : goal + ' did not describe the goals'
    placeholders.each { assert text.contains(it) : goal + ' does not show: ' + it }
    ['mesh..', 'csv:.', "plugin's .", '(-Dmesh.subject=)', "project's /policies", '&lt;', '&gt;'].each {
        assert !text.contains(it) : goal + ' shows an eaten or escaped placeholder: ' + it
    }
}
true
