/**
 * Docker Hub's official images ("library/…"): the only images a bare name like `nginx` can mean on
 * Docker Hub. Used to tell an image from a mistyped stage name. Includes deprecated official images
 * that can still be pulled. Names only; no network.
 */
const OFFICIAL_IMAGES = [
  'adminer', 'aerospike', 'almalinux', 'alpine', 'alt', 'amazoncorretto', 'amazonlinux', 'api-firewall',
  'arangodb', 'archlinux', 'backdrop', 'bash', 'bonita', 'buildpack-deps', 'busybox', 'caddy', 'cassandra',
  'centos', 'chronograf', 'cirros', 'clearlinux', 'clefos', 'clickhouse', 'clojure', 'composer', 'consul',
  'convertigo', 'couchbase', 'couchdb', 'crate', 'crux', 'dart', 'debian', 'docker', 'drupal',
  'eclipse-mosquitto', 'eclipse-temurin', 'eggdrop', 'elasticsearch', 'elixir', 'emqx', 'erlang', 'fedora',
  'flink', 'fluentd', 'friendica', 'fsharp', 'gazebo', 'gcc', 'geonetwork', 'ghost', 'golang', 'gradle',
  'groovy', 'haproxy', 'haskell', 'haxe', 'hello-world', 'hitch', 'httpd', 'hylang', 'ibm-semeru-runtimes',
  'ibmjava', 'influxdb', 'irssi', 'java', 'jenkins', 'jetty', 'joomla', 'jruby', 'julia', 'kapacitor',
  'kibana', 'known', 'kong', 'krakend', 'lightstreamer', 'liquibase', 'logstash', 'mageia', 'mariadb',
  'matomo', 'maven', 'mediawiki', 'memcached', 'mongo', 'mongo-express', 'monica', 'mono', 'mysql', 'nats',
  'nats-streaming', 'neo4j', 'neurodebian', 'nextcloud', 'nginx', 'node', 'notary', 'nuxeo', 'odoo',
  'open-liberty', 'openjdk', 'opensuse', 'oraclelinux', 'orientdb', 'owncloud', 'percona', 'perl', 'photon',
  'php', 'php-zendserver', 'phpmyadmin', 'piwik', 'plone', 'postfixadmin', 'postgres', 'pypy', 'python',
  'r-base', 'rabbitmq', 'rakudo-star', 'redis', 'redmine', 'registry', 'rethinkdb', 'rocket.chat',
  'rockylinux', 'ros', 'ruby', 'rust', 'sapmachine', 'satosa', 'sentry', 'silverpeas', 'sl', 'solr',
  'sonarqube', 'sourcemage', 'spark', 'spiped', 'storm', 'swift', 'swipl', 'teamspeak', 'telegraf',
  'tomcat', 'tomee', 'traefik', 'ubuntu', 'unit', 'varnish', 'vault', 'websphere-liberty', 'wordpress',
  'xwiki', 'yourls', 'znc', 'zookeeper',
];

const OFFICIAL = new Set(OFFICIAL_IMAGES);

/** Whether `name` (a repository without tag or digest, any case, optionally `library/…`) is an official image. */
export function isOfficialImage(name: string): boolean {
  const n = name.toLowerCase();
  return OFFICIAL.has(n.startsWith('library/') ? n.slice('library/'.length) : n);
}

export const officialImageNames: readonly string[] = OFFICIAL_IMAGES;
