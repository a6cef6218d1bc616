# this project writes every instruction in lowercase, "as" included.

arg node_version=20

from node:${node_version}-alpine as deps
workdir /app
copy package.json package-lock.json ./
run --mount=type=cache,target=/root/.npm npm ci

# build bundles the single-page app into /app/dist.
from deps as build
copy . .
run npm run build

from deps as test
copy . .
run npm test -- --run

from nginx:1.27-alpine as runtime
copy nginx.conf /etc/nginx/conf.d/default.conf
copy --from=build /app/dist /usr/share/nginx/html
expose 80
cmd ["nginx", "-g", "daemon off;"]
