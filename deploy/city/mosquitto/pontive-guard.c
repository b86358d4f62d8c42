/*
 * pontive-guard: a Mosquitto 2.0 plugin that keeps every device to its own topics and tells Ingest each time it
 * refuses one, so that a device speaking for another is counted and kept on Mosquitto as it is on the embedded broker.
 *
 * Why a plugin: Mosquitto's acl_file refuses such a publish, but nothing outside the broker learns of it (2.0 logs a
 * denied PUBLISH only at debug level, with every other packet). The plugin runs before acl_file (plugins are asked
 * first) and decides only for device accounts ("{site}.{device}"):
 *   - a publish on one of the device's own device-to-cloud channels is passed on to acl_file (which allows it);
 *   - anything else a device publishes, its last will included, is refused here, and a report goes to Ingest on
 *     REPORT_TOPIC: who sent it (the account it signed in with), on which topic, and the payload. Ingest decides
 *     whether it was spoofing (the topic names another device) or another forbidden topic, counts it and keeps it.
 * Reads, subscriptions and every other account are left to acl_file. The rules themselves stay where they are
 * (src/Ingest/Security/BrokerAccessRules.cs, written into pontive.acl); this file only repeats the device channels of
 * wire contract v1, and tests/Integration.Tests/Security/MosquittoGuardTests.cs checks both lists agree.
 *
 * Build: deploy/city/mosquitto/build-guard.sh. Load it in each listener's block (per_listener_settings true):
 *   plugin /usr/local/lib/pontive/pontive-guard.so
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <mosquitto.h>
#include <mosquitto_broker.h>
#include <mosquitto_plugin.h>

/* Ingest subscribes here with its own account; the ACL lets only Ingest read it and nobody write it. */
#define REPORT_TOPIC "pontive/broker/v1/refused"
#define DEVICE_TOPIC_PREFIX "pontive/v1/"

/* Wire contract v1: the channels a device publishes on (DeviceChannels.FromDevice). */
static const char *const device_channels[] = {"telemetry", "deposit", "status", "correction"};

/* True when topic is exactly "pontive/v1/{site}/{device}/{channel}" for this device and one of its channels. */
static bool is_own_device_topic(const char *username, const char *topic)
{
	const char *dot = strchr(username, '.');
	size_t site_length = (size_t)(dot - username);
	const char *device = dot + 1;
	size_t device_length = strlen(device);
	size_t prefix_length = strlen(DEVICE_TOPIC_PREFIX);

	if(strncmp(topic, DEVICE_TOPIC_PREFIX, prefix_length) != 0) return false;
	topic += prefix_length;
	if(strncmp(topic, username, site_length) != 0 || topic[site_length] != '/') return false;
	topic += site_length + 1;
	if(strncmp(topic, device, device_length) != 0 || topic[device_length] != '/') return false;
	topic += device_length + 1;
	for(size_t i = 0; i < sizeof(device_channels) / sizeof(device_channels[0]); i++){
		if(strcmp(topic, device_channels[i]) == 0) return true;
	}
	return false;
}

/* Appends text as the inside of a JSON string: quotes, backslashes and control characters escaped, UTF-8 kept. */
static char *append_json_text(char *out, const char *text)
{
	static const char hex[] = "0123456789abcdef";
	for(const unsigned char *c = (const unsigned char *)text; *c; c++){
		if(*c == '"' || *c == '\\'){
			*out++ = '\\';
			*out++ = (char)*c;
		}else if(*c < 0x20){
			memcpy(out, "\\u00", 4);
			out[4] = hex[*c >> 4];
			out[5] = hex[*c & 0xf];
			out += 6;
		}else{
			*out++ = (char)*c;
		}
	}
	return out;
}

static char *append_base64(char *out, const unsigned char *bytes, uint32_t length)
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	uint32_t i = 0;
	for(; i + 2 < length; i += 3){
		uint32_t triple = (uint32_t)bytes[i] << 16 | (uint32_t)bytes[i + 1] << 8 | bytes[i + 2];
		*out++ = alphabet[triple >> 18 & 63];
		*out++ = alphabet[triple >> 12 & 63];
		*out++ = alphabet[triple >> 6 & 63];
		*out++ = alphabet[triple & 63];
	}
	if(i < length){
		uint32_t triple = (uint32_t)bytes[i] << 16 | (i + 1 < length ? (uint32_t)bytes[i + 1] << 8 : 0);
		*out++ = alphabet[triple >> 18 & 63];
		*out++ = alphabet[triple >> 12 & 63];
		*out++ = i + 1 < length ? alphabet[triple >> 6 & 63] : '=';
		*out++ = '=';
	}
	return out;
}

/*
 * {"v":1,"username":"…","topic":"…","qos":1,"retain":false,"payload":"<base64>"} on REPORT_TOPIC, QoS 1, so it
 * waits in Ingest's persistent session while Ingest is away. The broker takes a copy; nothing is kept here.
 */
static void report_refused(const char *username, const struct mosquitto_evt_acl_check *check)
{
	size_t capacity = 128 + 6 * strlen(username) + 6 * strlen(check->topic) + 4 * ((size_t)check->payloadlen / 3 + 1);
	char *report = malloc(capacity);
	if(report == NULL){
		mosquitto_log_printf(MOSQ_LOG_WARNING, "pontive-guard: out of memory, refused publish of %s not reported", username);
		return;
	}

	char *out = report;
	out = stpcpy(out, "{\"v\":1,\"username\":\"");
	out = append_json_text(out, username);
	out = stpcpy(out, "\",\"topic\":\"");
	out = append_json_text(out, check->topic);
	out = stpcpy(out, "\",\"qos\":");
	*out++ = (char)('0' + (check->qos <= 2 ? check->qos : 0));
	out = stpcpy(out, check->retain ? ",\"retain\":true" : ",\"retain\":false");
	out = stpcpy(out, ",\"payload\":\"");
	out = append_base64(out, check->payload, check->payloadlen);
	out = stpcpy(out, "\"}");

	int rc = mosquitto_broker_publish_copy(NULL, REPORT_TOPIC, (int)(out - report), report, 1, false, NULL);
	if(rc != MOSQ_ERR_SUCCESS){
		mosquitto_log_printf(MOSQ_LOG_WARNING, "pontive-guard: could not report a refused publish of %s (error %d)", username, rc);
	}
	free(report);
}

static int on_acl_check(int event, void *event_data, void *userdata)
{
	(void)event;
	(void)userdata;
	struct mosquitto_evt_acl_check *check = event_data;
	const char *username = mosquitto_client_username(check->client);

	/* Only what a device publishes is ours to decide; Ingest's account, reads and subscriptions go to acl_file. */
	if(check->access != MOSQ_ACL_WRITE || username == NULL || strchr(username, '.') == NULL){
		return MOSQ_ERR_PLUGIN_DEFER;
	}
	if(is_own_device_topic(username, check->topic)){
		return MOSQ_ERR_PLUGIN_DEFER;
	}
	report_refused(username, check);
	return MOSQ_ERR_ACL_DENIED;
}

int mosquitto_plugin_version(int supported_version_count, const int *supported_versions)
{
	for(int i = 0; i < supported_version_count; i++){
		if(supported_versions[i] == 5) return 5;
	}
	return -1;
}

int mosquitto_plugin_init(mosquitto_plugin_id_t *identifier, void **userdata, struct mosquitto_opt *options, int option_count)
{
	(void)options;
	(void)option_count;
	/* Loaded once per listener (per_listener_settings): each load keeps its own identifier to unregister with. */
	*userdata = identifier;
	mosquitto_log_printf(MOSQ_LOG_INFO, "pontive-guard: devices keep to their own topics; refusals are reported on %s", REPORT_TOPIC);
	return mosquitto_callback_register(identifier, MOSQ_EVT_ACL_CHECK, on_acl_check, NULL, NULL);
}

int mosquitto_plugin_cleanup(void *userdata, struct mosquitto_opt *options, int option_count)
{
	(void)options;
	(void)option_count;
	return mosquitto_callback_unregister((mosquitto_plugin_id_t *)userdata, MOSQ_EVT_ACL_CHECK, on_acl_check, NULL);
}
