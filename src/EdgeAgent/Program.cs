// Placeholder entry point; the agent host arrives with the sampling and MQTT services.
return 0;
