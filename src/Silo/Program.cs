using WalletGateway.Hosting;

// A silo on its own, for a cluster of separate silo and frontend processes. Its small web host serves
// /healthz and /readyz (Urls, default http://127.0.0.1:5180), /metrics and /dashboard on Operations:Port only.
return await SiloHost.RunAsync(args);
