using WalletGateway.Hosting;

// A silo on its own, for a cluster of separate silo and frontend processes. Its small web host serves
// /healthz, /readyz, /metrics and /dashboard only (Urls, default http://127.0.0.1:5180).
return await SiloHost.RunAsync(args);
