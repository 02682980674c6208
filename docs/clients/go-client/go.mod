module example.com/portcullis-go-client

go 1.19
