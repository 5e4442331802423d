// The read log consumers' Spark sessions would write with dev.meshsdk.spark.MeshReadListener: one JSON line per
// table read, times relative to now so that the 30-day window holds what the scenario asserts.
import java.time.Duration
import java.time.Instant

def table = new File(basedir, 'target/mesh/data/orders/orders').toPath().toAbsolutePath().normalize().toUri().toString()
table = table.endsWith('/') ? table.substring(0, table.length() - 1) : table
def now = Instant.now()
def line = { String user, Duration ago ->
    groovy.json.JsonOutput.toJson([at: now.minus(ago).toString(), path: table + '/part-00000.snappy.parquet',
                                   user: user, application: user + '-job'])
}
def reads = new File(basedir, 'reads')
reads.mkdirs()
new File(reads, 'reads-0001.jsonl').text = [
        line('finance_analytics', Duration.ofDays(40)),
        line('bi', Duration.ofDays(3)),
        line('analyst', Duration.ofHours(30)),
        line('analyst', Duration.ofHours(26)),
].join('\n') + '\n'
return true
